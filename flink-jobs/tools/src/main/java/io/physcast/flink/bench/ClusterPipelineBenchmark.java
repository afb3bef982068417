package io.physcast.flink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.physcast.flink.cluster.LocalCluster;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code scripts/bench.sh pipeline --cluster}: the forecasting job's throughput on the local
 * multi-process cluster ({@link LocalCluster}: two TaskManagers, three Kafka nodes, topics with two
 * partitions) submitted with {@code flink run -p 2}, beside the same job at the same parallelism in
 * a MiniCluster inside this JVM, both reading the same pre-loaded topic of the same brokers.
 */
final class ClusterPipelineBenchmark {
    private static final Path JOB_JAR =
            Path.of("flink-jobs", "job", "target", "physcast-flink-job.jar");

    private static final PipelineBenchmark.Topics MINI =
            new PipelineBenchmark.Topics("readings", "forecasts-mini", "readings-dlq-mini");

    private ClusterPipelineBenchmark() {}

    static void run(BenchData data, Path model, int parallelism) throws Exception {
        LocalCluster cluster =
                new LocalCluster(
                        Path.of("runs", "cluster-bench"),
                        Path.of("flink-jobs", "flink-runtime-lib", "target", "lib"),
                        Path.of("flink-jobs", "kafka-runtime-lib", "target", "lib"),
                        LocalCluster.Ports.free());
        cluster.down(); // one left by an interrupted run
        cluster.wipe();
        try {
            long t0 = System.nanoTime();
            cluster.up(2);
            System.out.printf(
                    "cluster up in %.1f s (2 TaskManagers x 2 slots, 3 Kafka nodes)%n",
                    (System.nanoTime() - t0) / 1e9);
            cluster.createTopics(List.of("forecasts-mini", "readings-dlq-mini"));
            List<Message> load = data.messages();
            t0 = System.nanoTime();
            Replay.send(cluster.clientProperties(), "readings", load, 0, n -> {});
            System.out.printf(
                    "pre-loaded %d readings in %.1f s%n",
                    load.size(), (System.nanoTime() - t0) / 1e9);

            double onCluster = submitted(cluster, data, model, parallelism);
            long clusterForecasts =
                    PipelineBenchmark.checkForecasts(
                            cluster.clientProperties(), PipelineBenchmark.Topics.DEFAULT, data);
            double inProcess =
                    PipelineBenchmark.forecastJobOn(
                            cluster.bootstrapServers(), model, "bench-mini", MINI, parallelism);
            PipelineBenchmark.checkForecasts(cluster.clientProperties(), MINI, data);
            System.out.printf(
                    "forecasting job, parallelism %d: cluster %.0f readings/s (%d forecasts"
                            + " committed; job running %.1f s), MiniCluster in one JVM %.0f"
                            + " readings/s (%.1f s); cluster / MiniCluster = %.2f%n",
                    parallelism,
                    load.size() / onCluster,
                    clusterForecasts,
                    onCluster,
                    load.size() / inProcess,
                    inProcess,
                    inProcess / onCluster);
        } finally {
            cluster.down();
        }
    }

    /** Submits the bounded job with Flink's client; returns the seconds the job ran (REST). */
    private static double submitted(LocalCluster cluster, BenchData data, Path model, int p)
            throws Exception {
        String job =
                cluster.submit(
                        JOB_JAR,
                        p,
                        null,
                        model,
                        Stream.concat(
                                        Stream.of("--group-id", "bench-cluster"),
                                        Stream.of(PipelineBenchmark.JOB_SETTINGS))
                                .toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (true) {
            JsonNode j = cluster.rest("/jobs/" + job);
            String state = j == null ? "UNKNOWN" : j.path("state").asText();
            if (state.equals("FINISHED")) {
                return j.path("duration").asLong() / 1e3;
            }
            if (state.equals("FAILED")
                    || state.equals("CANCELED")
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the job on the cluster ended "
                                + state
                                + ": "
                                + cluster.rest("/jobs/" + job + "/exceptions"));
            }
            Thread.sleep(500);
        }
    }
}
