package io.physcast.flink.cli;

import io.physcast.flink.job.ForecastJob;
import io.physcast.flink.local.LocalRun;
import java.util.Arrays;

/** Entry point of {@code physcast-flink-jobs.jar}: {@code local}, {@code job}. */
public final class FlinkCli {
    private FlinkCli() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            switch (argv[0]) {
                case "local" -> LocalRun.main(rest);
                case "job" -> ForecastJob.main(rest);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println(
                "usage: local [--dataset synthetic|irish-wind|de-pm10] [--speedup X] [--out DIR]\n"
                        + "       job --bootstrap-servers HOST:PORT --model FILE [--kafka.X V ...]");
    }
}
