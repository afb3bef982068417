package io.physcast.flink.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.SyntheticNetwork;
import io.physcast.flink.local.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The job jar on a real cluster of separate processes ({@link LocalCluster}: Flink standalone with
 * two TaskManagers, three Kafka brokers), submitted with Flink's own client at parallelism 2 over 8
 * regions x 30 stations x 48 hourly windows. A run disturbed by a SIGKILLed TaskManager and a
 * stopped broker, and a run stopped with savepoints and resumed at other parallelisms, must commit
 * exactly what an undisturbed run commits: every forecast once, bit for bit, and the same dead
 * letters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ClusterFaultsTest {
    private static final int REGIONS = 8;
    private static final int STATIONS = 30;
    private static final int HOURS = 48;
    private static final Duration SETTLED = Duration.ofSeconds(12);

    private static Path home;
    private static LocalCluster cluster;
    private static Path model;
    private static List<Message> messages;
    private static int nextTaskManager = 3;

    @BeforeAll
    static void up() throws Exception {
        home = Files.createTempDirectory("physcast-cluster-test");
        cluster =
                new LocalCluster(
                        home,
                        Path.of("..", "flink-runtime-lib", "target", "lib"),
                        Path.of("..", "kafka-runtime-lib", "target", "lib"),
                        LocalCluster.Ports.free());
        cluster.up(2);
        model = TestArtifacts.writeTiny(home);
        Instant start =
                Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS + 2));
        messages = SyntheticNetwork.regions(REGIONS, STATIONS, HOURS, start, 11, false);
    }

    @AfterAll
    static void down() throws Exception {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    @Order(1)
    void aKilledTaskManagerAndAStoppedBrokerChangeNoCommittedRecord() throws Exception {
        createTopics("forecasts-fault", "dlq-fault", "forecasts-ref", "dlq-ref");
        String faulty = submit("fault", 2, null);
        CompletableFuture<Void> replay = replayWhileRunning("readings", 60);
        awaitCommitted("forecasts-fault", 1, Duration.ofMinutes(3));
        long killedAt = System.nanoTime();
        cluster.killTaskManager(1);
        cluster.startTaskManager(nextTaskManager++); // as a supervisor would start a new one
        // a sink on the surviving TaskManager may still commit what it wrote before the kill:
        // count from the first commit after the job runs again
        awaitRestarted(faulty, Duration.ofMinutes(3));
        awaitCommitAfter(
                "forecasts-fault", lastStableOffset("forecasts-fault"), Duration.ofMinutes(3));
        double recovery = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf(
                "SIGKILL of a TaskManager to the next committed forecast: %.1f s%n", recovery);

        cluster.stopBroker(2);
        Thread.sleep(15_000);
        cluster.startBroker(2);
        replay.get(5, TimeUnit.MINUTES);

        String reference = submit("ref", 2, null);
        int expected =
                ClusterOutput.countWhenSettled(
                        cluster.clientProperties(),
                        "forecasts-ref",
                        REGIONS * STATIONS,
                        SETTLED,
                        Duration.ofMinutes(5));
        ClusterOutput.countWhenSettled(
                cluster.clientProperties(),
                "forecasts-fault",
                expected,
                SETTLED,
                Duration.ofMinutes(5));
        cancel(faulty);
        cancel(reference);

        ClusterOutput ref =
                ClusterOutput.read(cluster.clientProperties(), "forecasts-ref", "dlq-ref");
        ClusterOutput got =
                ClusterOutput.read(cluster.clientProperties(), "forecasts-fault", "dlq-fault");
        assertTrue(
                ref.forecasts().size() > REGIONS * STATIONS * (HOURS / 2),
                "forecasts: " + ref.forecasts().size());
        assertTrue(!ref.deadLetters().isEmpty(), "the replay has malformed messages");
        got.assertSameAs(ref, "after a killed TaskManager and a stopped broker");
    }

    @Test
    @Order(2)
    void stopWithSavepointAndResumeAtOtherParallelisms() throws Exception {
        createTopics("readings-rescale", "forecasts-rescale", "dlq-rescale");
        ClusterOutput ref =
                ClusterOutput.read(cluster.clientProperties(), "forecasts-ref", "dlq-ref");
        int total = ref.forecasts().size();
        String job = submit("rescale", 2, null);
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        CompletableFuture<Void> replay = replayWhileRunning("readings-rescale", 120, sent);
        List<Integer> stoppedAt = new ArrayList<>();
        for (int p : new int[] {3, 1}) {
            // stop while readings still arrive: after a third and after two thirds of them
            long due = (long) messages.size() * (stoppedAt.size() + 1) / 3;
            while (sent.get() < due) {
                assertTrue(!replay.isDone(), "the replay ended early");
                Thread.sleep(100);
            }
            String savepoint = stopWithSavepoint(job);
            stoppedAt.add(committed("forecasts-rescale"));
            job = submit("rescale", p, savepoint);
        }
        replay.get(5, TimeUnit.MINUTES);
        ClusterOutput.countWhenSettled(
                cluster.clientProperties(),
                "forecasts-rescale",
                total,
                SETTLED,
                Duration.ofMinutes(5));
        cancel(job);
        for (int n : stoppedAt) {
            assertTrue(n > 0 && n < total, "stopped mid-stream: " + stoppedAt + " of " + total);
        }
        ClusterOutput.read(cluster.clientProperties(), "forecasts-rescale", "dlq-rescale")
                .assertSameAs(ref, "resumed 2 -> 3 -> 1");
    }

    @Test
    @Order(3)
    void aNewModelFileRollsOutThroughASavepointAtTheNextWindow() throws Exception {
        createTopics("readings-rollout", "forecasts-rollout", "dlq-rollout");
        ClusterOutput ref =
                ClusterOutput.read(cluster.clientProperties(), "forecasts-ref", "dlq-ref");
        int total = ref.forecasts().size();
        Path newModel = TestArtifacts.writeTiny(home, 8);
        String job = submit("rollout", 2, null, model);
        CompletableFuture<Void> replay = replayWhileRunning("readings-rollout", 60);
        awaitCommitted("forecasts-rollout", total / 2, Duration.ofMinutes(3));
        String savepoint = stopWithSavepoint(job);
        int before = committed("forecasts-rollout");
        job = submit("rollout", 2, savepoint, newModel);
        replay.get(5, TimeUnit.MINUTES);
        ClusterOutput.countWhenSettled(
                cluster.clientProperties(),
                "forecasts-rollout",
                total,
                SETTLED,
                Duration.ofMinutes(5));
        cancel(job);

        ClusterOutput got =
                ClusterOutput.read(cluster.clientProperties(), "forecasts-rollout", "dlq-rollout");
        assertEquals(
                ref.forecasts().keySet(), got.forecasts().keySet(), "every window, every station");
        String oldVersion = TestArtifacts.tinyPadgn().version();
        String newVersion = TestArtifacts.tinyPadgn(8).version();
        // per region: the old model's forecasts, exactly as without the rollout, up to the
        // savepoint; the new model's from the next window on
        Map<String, java.util.TreeMap<Long, String>> versions = new java.util.TreeMap<>();
        int old = 0;
        for (var e : got.forecasts().entrySet()) {
            var f = ClusterOutput.decode(e.getValue());
            String v = f.getModelVersion().split("\\+head")[0];
            versions.computeIfAbsent(f.getRegion(), r -> new java.util.TreeMap<>())
                    .merge(
                            f.getIssueTime().toEpochMilli(),
                            v,
                            (a, b) -> {
                                assertEquals(a, b, "one model per region and window");
                                return a;
                            });
            if (v.equals(oldVersion)) {
                old++;
                assertEquals(ref.forecasts().get(e.getKey()), e.getValue(), e.getKey());
            } else {
                assertEquals(newVersion, v, e.getKey());
                var without = ClusterOutput.decode(ref.forecasts().get(e.getKey()));
                assertTrue(!without.getSteps().equals(f.getSteps()), "the new model's values");
            }
        }
        assertEquals(
                before, old, "the first job's forecasts are the old model's, the rest the new");
        for (var e : versions.entrySet()) {
            List<String> seq = new ArrayList<>(e.getValue().values());
            int switchAt = seq.indexOf(newVersion);
            assertTrue(switchAt > 0, e.getKey() + " ran both models: " + seq);
            assertEquals(
                    seq.size(),
                    switchAt + (int) seq.stream().filter(newVersion::equals).count(),
                    e.getKey()
                            + ": old model up to the savepoint, new one from the next window on");
        }
    }

    /** Sends the readings to {@code topic} while the job runs, the 48 hours in {@code seconds}. */
    private static CompletableFuture<Void> replayWhileRunning(String topic, int seconds) {
        return replayWhileRunning(topic, seconds, new java.util.concurrent.atomic.AtomicLong());
    }

    /** The same, counting the messages sent into {@code sent} (about once a second). */
    private static CompletableFuture<Void> replayWhileRunning(
            String topic, int seconds, java.util.concurrent.atomic.AtomicLong sent) {
        return CompletableFuture.runAsync(
                () -> {
                    try {
                        Replay.send(
                                cluster.clientProperties(),
                                topic,
                                messages,
                                HOURS * 3600.0 / seconds,
                                sent::set);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** flink run -d [-s savepoint] -p P job.jar ...; returns the job id. */
    private static String submit(String name, int parallelism, String savepoint) throws Exception {
        return submit(name, parallelism, savepoint, model);
    }

    private static String submit(String name, int parallelism, String savepoint, Path modelFile)
            throws Exception {
        return cluster.submit(
                Path.of(System.getProperty("physcast.job.jar")),
                parallelism,
                savepoint,
                modelFile,
                "--group-id",
                "physcast-" + name,
                "--readings-topic",
                name.equals("fault") || name.equals("ref") ? "readings" : "readings-" + name,
                "--forecasts-topic",
                "forecasts-" + name,
                "--dlq-topic",
                "dlq-" + name,
                "--horizon",
                "4",
                "--adapt-every",
                "12",
                "--adapt-window",
                "12",
                "--adapt-iterations",
                "3",
                "--checkpoint-interval",
                "2s");
    }

    /** flink stop --savepointPath: the job ends with a savepoint; returns its path. */
    private static String stopWithSavepoint(String job) throws Exception {
        return cluster.flink(
                        Duration.ofMinutes(3),
                        "stop",
                        "--savepointPath",
                        home.resolve("savepoints").toUri().toString(),
                        job)
                .savepoint();
    }

    private static void cancel(String job) throws Exception {
        FlinkClient.Result r = cluster.flink(Duration.ofMinutes(1), "cancel", job);
        assertEquals(0, r.exitCode(), r.output());
    }

    private static void createTopics(String... names) throws Exception {
        cluster.createTopics(List.of(names));
    }

    private static int committed(String topic) throws Exception {
        try (TopicReader r = new TopicReader(cluster.clientProperties(), topic)) {
            return r.drain(Duration.ofSeconds(5)).size();
        }
    }

    private static void awaitCommitted(String topic, int atLeast, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = 0;
        try (TopicReader r = new TopicReader(cluster.clientProperties(), topic)) {
            while (n < atLeast) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            topic + ": " + n + " of " + atLeast + " forecasts committed");
                }
                n += r.poll(Duration.ofMillis(200)).size();
            }
        }
    }

    /** Waits until the job has restarted once and all its tasks run again. */
    private static void awaitRestarted(String job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var restarts = cluster.rest("/jobs/" + job + "/metrics?get=numRestarts");
            var plan = cluster.rest("/jobs/" + job);
            boolean restarted =
                    restarts != null
                            && restarts.size() > 0
                            && restarts.get(0).path("value").asLong() > 0;
            boolean running = plan != null && plan.path("state").asText().equals("RUNNING");
            if (plan != null) {
                for (var v : plan.path("vertices")) {
                    running &= v.path("status").asText().equals("RUNNING");
                }
            }
            if (restarted && running) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "job did not restart: " + plan);
            Thread.sleep(100);
        }
    }

    /** The end of what read_committed consumers see (last stable offsets, summed). */
    private static long lastStableOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties())) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < LocalCluster.PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long sum = 0;
            var result =
                    admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                            .all()
                            .get(30, TimeUnit.SECONDS);
            for (var e : result.values()) {
                sum += e.offset();
            }
            return sum;
        }
    }

    /** Waits until a transaction commits beyond {@code offset}. */
    private static void awaitCommitAfter(String topic, long offset, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lastStableOffset(topic) <= offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(topic + ": nothing new committed in " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
