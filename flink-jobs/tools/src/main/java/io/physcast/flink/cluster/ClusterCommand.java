package io.physcast.flink.cluster;

import io.physcast.model.cli.CommandLines;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cluster up|down|status|smoke} (scripts/cluster-local.sh): the local multi-process cluster
 * of {@link LocalCluster}, run from the repository root.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        description = {
            "scripts/cluster-local.sh: a Flink standalone cluster and a three-node Kafka cluster as"
                    + " processes on this machine (state, logs and conf/ in runs/cluster)."
        })
public final class ClusterCommand {
    @Parameters(
            paramLabel = "ACTION",
            description =
                    "up (start), down (stop), status (which processes run) or smoke (up, run the"
                            + " job on it, check its forecasts, down; exits non-zero on failure).")
    String action;

    public static void run(String[] args) throws Exception {
        String action = CommandLines.parse(new ClusterCommand(), args).action;
        // the smoke check runs on a cluster of its own, new each time
        LocalCluster cluster = cluster(action.equals("smoke") ? "cluster-smoke" : "cluster");
        switch (action) {
            case "up" -> up(cluster);
            case "down" -> {
                cluster.down();
                System.out.println("stopped");
            }
            case "status" -> status(cluster);
            case "smoke" -> smoke(cluster);
            default ->
                    throw new IllegalArgumentException(
                            "usage: cluster up|down|status|smoke, not " + action);
        }
    }

    private static LocalCluster cluster(String dir) {
        return new LocalCluster(
                Path.of("runs", dir),
                Path.of("flink-jobs", "flink-runtime-lib", "target", "lib"),
                Path.of("flink-jobs", "kafka-runtime-lib", "target", "lib"),
                LocalCluster.Ports.defaults());
    }

    private static void up(LocalCluster cluster) throws Exception {
        long t0 = System.nanoTime();
        cluster.up(2);
        System.out.printf(
                "up in %.1f s: Flink Web UI and REST %s, Kafka %s (topics %s, replication 3,"
                        + " min.insync.replicas 2)%n",
                (System.nanoTime() - t0) / 1e9,
                cluster.restUrl(),
                cluster.bootstrapServers(),
                String.join(", ", LocalCluster.TOPICS));
        System.out.println(
                "Flink configuration: "
                        + cluster.confDir()
                        + "; logs: "
                        + cluster.home().resolve("logs"));
    }

    private static void status(LocalCluster cluster) {
        cluster.status().forEach(System.out::println);
        System.out.println(
                "TaskManagers registered: "
                        + cluster.registeredTaskManagers()
                        + "; Kafka brokers up: "
                        + cluster.brokersUp());
    }

    /** up, the smoke check, down; down also when the check fails. */
    private static void smoke(LocalCluster cluster) throws Exception {
        Path jar = Path.of("flink-jobs", "job", "target", "physcast-flink-job.jar");
        Path model = Path.of("runs", "default-model.zip");
        if (cluster("cluster").running()) {
            throw new IllegalStateException(
                    "a cluster of cluster-local.sh up runs on the same ports: down first");
        }
        cluster.down(); // one left by an interrupted smoke check
        cluster.wipe();
        try {
            up(cluster);
            System.out.println(new ClusterSmoke(cluster, jar, model).run(30, 24));
            System.out.println("smoke: passed");
        } finally {
            cluster.down();
            System.out.println("cluster stopped");
        }
    }
}
