package io.physcast.flink.docs;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** docs/configuration.md's command sections, written from the commands' declarations. */
final class ConfigurationPage {
    private ConfigurationPage() {}

    /** One command: its heading, what it does, a table of its options. */
    static String section(CommandSpec spec) {
        StringBuilder b = new StringBuilder();
        b.append("## `").append(spec.name()).append("`\n\n");
        b.append(String.join(" ", spec.usageMessage().description()).trim()).append("\n\n");
        b.append("| setting | default | meaning |\n|---|---|---|\n");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            b.append("| `").append(p.paramLabel()).append("` | required | ");
            b.append(String.join(" ", p.description()).trim()).append(" |\n");
        }
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            b.append("| `").append(o.longestName());
            if (o.arity().max() > 0) {
                b.append(' ').append(o.paramLabel().replace("|", "\\|"));
            }
            b.append("` | ").append(defaultOf(o)).append(" | ");
            b.append(String.join(" ", o.description()).trim().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }

    private static String defaultOf(OptionSpec o) {
        if (o.required()) {
            return "required";
        }
        if (o.arity().max() == 0) {
            return "off";
        }
        String d = o.defaultValue();
        return d == null || d.isEmpty() ? "none" : "`" + d + "`";
    }

    /** The whole page: the text before the first command section, then every command. */
    static String render(String page, List<CommandSpec> commands) {
        int first = page.indexOf("\n## `");
        // the text up to its last line, so that rendering the rendered page adds no blank lines
        String intro = (first < 0 ? page : page.substring(0, first)).stripTrailing() + "\n";
        StringBuilder b = new StringBuilder(intro);
        for (CommandSpec spec : commands) {
            b.append('\n').append(section(spec));
        }
        return b.toString();
    }
}
