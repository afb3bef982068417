package io.physcast.flink.docs;

import io.physcast.flink.bench.PipelineBenchmark;
import io.physcast.flink.cli.ReplayCommand;
import io.physcast.flink.cli.TailCommand;
import io.physcast.flink.cluster.ClusterCommand;
import io.physcast.flink.config.JobOptions;
import io.physcast.flink.local.EngineReplay;
import io.physcast.flink.local.LocalRunOptions;
import io.physcast.model.commands.ModelCli;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Every command a user runs, as picocli sees it (the order of docs/configuration.md). */
final class Commands {
    private Commands() {}

    static List<CommandSpec> all() {
        List<CommandSpec> all =
                new ArrayList<>(
                        List.of(
                                spec(new JobOptions()),
                                spec(new LocalRunOptions()),
                                spec(new ReplayCommand()),
                                spec(new TailCommand()),
                                spec(new ClusterCommand()),
                                spec(new PipelineBenchmark()),
                                spec(new EngineReplay())));
        ModelCli.commands().forEach(c -> all.add(spec(c)));
        return all;
    }

    private static CommandSpec spec(Object options) {
        return io.physcast.model.cli.CommandLines.commandLine(options).getCommandSpec();
    }
}
