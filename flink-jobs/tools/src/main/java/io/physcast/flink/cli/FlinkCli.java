package io.physcast.flink.cli;

import io.physcast.flink.job.ForecastJob;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.LocalRun;
import io.physcast.model.artifact.InvalidModelArtifactException;
import io.physcast.model.cli.CommandLines;
import io.physcast.model.cli.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Entry point of {@code physcast-flink-tools.jar}: {@code local}, {@code job}, {@code replay},
 * {@code tail}, {@code broker}, {@code bench}, {@code engine-replay}.
 */
public final class FlinkCli {
    private FlinkCli() {}

    public static void main(String[] argv) throws Exception {
        int code = run(argv);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs a command; returns the exit code. Start-up mistakes (bad settings, an unreadable or
     * corrupt model file, unreachable brokers, missing topics, a missing input file or an output
     * path with a file in the way) print one {@code error:} line, not a stack trace.
     */
    static int run(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            return 2;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (argv[0]) {
                case "local" -> LocalRun.main(rest);
                case "job" -> ForecastJob.main(rest);
                case "replay" -> ReplayCommand.run(rest);
                case "tail" -> TailCommand.run(rest);
                case "broker" -> broker();
                case "bench" -> io.physcast.flink.bench.PipelineBenchmark.main(rest);
                case "engine-replay" -> io.physcast.flink.local.EngineReplay.main(rest);
                case "cluster" -> io.physcast.flink.cluster.ClusterCommand.run(rest);
                default -> {
                    usage();
                    return 2;
                }
            }
            return 0;
        } catch (CommandLines.HelpShown e) {
            return 0;
        } catch (IllegalArgumentException
                | IllegalStateException
                | InvalidModelArtifactException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) { // a missing input file, an output path with a file in the way
            System.err.println("error: " + IoErrors.describe(e));
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("error: " + IoErrors.describe(e));
            return 1;
        }
    }

    /** A local KRaft broker with the job's topics, until interrupted (for replay/tail/job). */
    private static void broker() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            System.out.println("bootstrap servers: " + kafka.bootstrapServers());
            Thread.currentThread().join();
        }
    }

    private static void usage() {
        System.err.println(
                "usage (each command prints its settings with --help; docs/configuration.md):\n"
                        + "       local [--dataset synthetic|irish-wind|de-pm10] [--speedup X] [--out DIR]\n"
                        + "       job --bootstrap-servers HOST:PORT --model FILE [--kafka.X V ...]\n"
                        + "       replay --bootstrap-servers HOST:PORT --stations S.csv --readings R.csv"
                        + " --region R --variable V [--speedup X] [--client-config FILE]\n"
                        + "       tail --bootstrap-servers HOST:PORT [--max N] [--idle-seconds S]"
                        + " [--client-config FILE]\n"
                        + "       broker   (a local Kafka broker with the topics, for trying these)\n"
                        + "       cluster up|down|status|smoke   (Flink and Kafka clusters as processes)\n"
                        + "       engine-replay --model FILE [--hours H] [--adapt-every R]"
                        + " (the forecaster alone on the synthetic network, MAE per 200 windows)");
    }
}
