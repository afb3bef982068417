package io.physcast.flink.docs;

import io.physcast.flink.config.JobOptions;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Every command a user runs, as picocli sees it (the order of docs/configuration.md). */
final class Commands {
    private Commands() {}

    static List<CommandSpec> all() {
        return List.of(spec(new JobOptions()));
    }

    private static CommandSpec spec(Object options) {
        return io.physcast.model.cli.CommandLines.commandLine(options).getCommandSpec();
    }
}
