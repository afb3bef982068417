package io.physcast.model.commands;

import io.physcast.model.cli.CommandLines;
import io.physcast.model.cli.IoErrors;
import io.physcast.model.experiments.ResultsWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Command line of the model module ({@code scripts/model.sh COMMAND [options]}). Each command's
 * options are declared on its class (picocli); {@code COMMAND --help} prints them.
 */
public final class ModelCli {
    /** Every command by the words that name it. */
    static final Map<String, Supplier<ModelCommand>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("reproduce derivatives", ReproduceCommands.Derivatives::new);
        COMMANDS.put("reproduce convection-diffusion", ReproduceCommands.ConvectionDiffusion::new);
        COMMANDS.put("evaluate", EvaluateCommand::new);
        COMMANDS.put("train", TrainCommand::new);
        COMMANDS.put("meta-train", MetaTrainCommand::new);
        COMMANDS.put("default-model", DefaultModelCommand::new);
        COMMANDS.put("few-shot", FewShotCommand::new);
    }

    private ModelCli() {}

    /** The options objects of every command, for documentation. */
    public static List<Object> commands() {
        return COMMANDS.values().stream().map(c -> (Object) c.get()).toList();
    }

    public static void main(String[] argv) throws Exception {
        try {
            String name = argv.length == 0 ? "" : argv[0];
            int words = 1;
            if (name.equals("reproduce") && argv.length > 1) {
                name = name + " " + argv[1];
                words = 2;
            }
            Supplier<ModelCommand> command = COMMANDS.get(name);
            if (command == null) {
                usage();
                System.exit(2);
            }
            CommandLines.parse(command.get(), Arrays.copyOfRange(argv, words, argv.length)).run();
        } catch (CommandLines.HelpShown e) {
            // printed
        } catch (io.physcast.model.artifact.InvalidModelArtifactException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        } catch (java.io.IOException e) { // a missing input, an output path that is a folder
            System.err.println("error: " + IoErrors.describe(e));
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("(model.sh COMMAND --help lists the command's options)");
            System.exit(2);
        }
    }

    private static void usage() {
        StringBuilder b =
                new StringBuilder(
                        "usage: model.sh COMMAND [options]; COMMAND --help for its options\n");
        for (Object c : commands()) {
            var spec = CommandLines.commandLine(c).getCommandSpec();
            b.append(
                    String.format(
                            "  %-32s %s%n",
                            spec.name(), String.join(" ", spec.usageMessage().description())));
        }
        System.err.print(b);
    }

    /** Writes results.json / results.md of a reproduction and prints the table. */
    static void writeTable(
            Path out, String title, List<List<String>> rows, Object settings, long t0, Object json)
            throws Exception {
        String md =
                "# "
                        + title
                        + "\n\n"
                        + ResultsWriter.table(rows)
                        + String.format(
                                "%nsettings: %s; %.0f s%n",
                                settings, (System.nanoTime() - t0) / 1e9);
        ResultsWriter.write(out, json, md);
        System.out.println();
        System.out.print(md);
    }
}
