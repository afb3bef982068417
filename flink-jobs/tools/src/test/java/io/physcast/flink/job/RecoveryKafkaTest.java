package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.TestReadings;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under failures (an exception injected in the forecaster after a checkpoint; the
 * MiniCluster's only TaskManager lost after a checkpoint): Flink restarts the job from that
 * checkpoint, and a read_committed consumer must then see exactly the forecasts of a failure-free
 * run (same count, no duplicates, same values), which also shows that the hidden state and the
 * adapted heads were restored rather than reset.
 */
class RecoveryKafkaTest {
    @TempDir Path dir;

    @Test
    void aFailedAndRestartedRunWritesExactlyTheFailureFreeForecasts() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            Path model = withReferenceRun(kafka, "b", 11);
            // ~720 messages: fail a bit over a third of the way in (after two head adaptations)
            FaultInjector fault = FaultInjector.failOnceAfter(270, 4);
            run(kafka, model, "b", fault);
            assertTrue(fault.failed(), "the failure was injected (after a checkpoint)");

            assertSameAsReference(kafka, "forecasts-b");
        }
    }

    @Test
    void aLostTaskManagerIsReplacedAndTheOutputIsExactlyTheFailureFreeOne() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            Path model = withReferenceRun(kafka, "c", 13);

            JobConfig cfg = config(kafka, model, "c");
            Configuration conf = flinkConfiguration(cfg);
            try (MiniCluster cluster = miniCluster(conf)) {
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.getExecutionEnvironment(conf);
                build(env, cfg, FaultInjector.slow(4));
                JobGraph graph = env.getStreamGraph().getJobGraph();
                JobID job = cluster.submitJob(graph).get().getJobID();
                awaitCheckpoint(dir.resolve("cp-c"));
                cluster.terminateTaskManager(0).get(); // the only TaskManager: all slots gone
                cluster.startTaskManager();
                JobResult result = cluster.requestJobResult(job).get();
                assertTrue(result.isSuccess(), "finished after the restart: " + result);
            }

            assertSameAsReference(kafka, "forecasts-c");
        }
    }

    @Test
    void aBrokerRestartDuringTheRunLosesAndDuplicatesNothing() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            Path model = withReferenceRun(kafka, "d", 19);

            JobConfig cfg = config(kafka, model, "d");
            Configuration conf = flinkConfiguration(cfg);
            conf.setString("restart-strategy.fixed-delay.attempts", "30");
            conf.setString("restart-strategy.fixed-delay.delay", "1 s");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            build(env, cfg, FaultInjector.slow(5));
            var job = env.executeAsync("broker-restart");
            awaitCheckpoint(dir.resolve("cp-d"));
            kafka.stopBroker();
            Thread.sleep(5_000);
            kafka.startBroker();
            job.getJobExecutionResult().get();

            assertSameAsReference(kafka, "forecasts-d");
        }
    }

    @Test
    void stopWithSavepointThenARebuiltJobContinuesAsIfUninterrupted() throws Exception {
        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            Path model = withReferenceRun(kafka, "e", 23);

            // unbounded, as in production: a finished source task could not take a savepoint
            JobConfig cfg = config(kafka, model, "e", "--bounded", "false");
            Configuration conf = flinkConfiguration(cfg);
            int beforeStop;
            try (MiniCluster cluster = miniCluster(conf)) {
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.getExecutionEnvironment(conf);
                build(env, cfg, FaultInjector.slow(4));
                JobID first =
                        cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
                awaitCheckpoint(dir.resolve("cp-e"));
                String savepoint =
                        cluster.stopWithSavepoint(
                                        first,
                                        dir.resolve("savepoints").toUri().toString(),
                                        false,
                                        SavepointFormatType.CANONICAL)
                                .get();
                beforeStop = forecasts(kafka, "forecasts-e").size();

                // the upgrade: a job graph built anew, started from the savepoint; once it has
                // caught up, stopped with --drain so the last window closes as at end of input
                StreamExecutionEnvironment env2 =
                        StreamExecutionEnvironment.getExecutionEnvironment(conf);
                ForecastJob.build(env2, cfg);
                JobGraph rebuilt = env2.getStreamGraph().getJobGraph();
                rebuilt.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
                JobID second = cluster.submitJob(rebuilt).get().getJobID();
                long deadline = System.currentTimeMillis() + 120_000;
                while (forecasts(kafka, "forecasts-e").size() < 12 * 39
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(500);
                }
                cluster.stopWithSavepoint(
                                second,
                                dir.resolve("savepoints").toUri().toString(),
                                true,
                                SavepointFormatType.CANONICAL)
                        .get();
            }

            assertTrue(
                    beforeStop > 0 && beforeStop < 12 * 40,
                    "stopped mid-stream: " + beforeStop + " of " + 12 * 40);
            assertSameAsReference(kafka, "forecasts-e");
        }
    }

    /** Topics, the readings and the model; then the failure-free run into forecasts-a. */
    private Path withReferenceRun(LocalKafkaBroker kafka, String other, long seed)
            throws Exception {
        kafka.createTopics(1, "readings", "forecasts-a", "forecasts-" + other, "readings-dlq");
        List<Message> messages = TestReadings.hourly(12, 40, seed);
        messages.sort(Comparator.comparingLong(Message::sendAt));
        Replay.send(kafka.clientProperties(), "readings", messages, 0, n -> {});
        Path model = TestArtifacts.writeTiny(dir);
        run(kafka, model, "a", null);
        return model;
    }

    /**
     * The topic holds exactly the reference run's forecasts: none lost, none twice, same values.
     */
    private static void assertSameAsReference(LocalKafkaBroker kafka, String topic)
            throws Exception {
        Map<String, double[]> a = forecasts(kafka, "forecasts-a");
        Map<String, double[]> x = forecasts(kafka, topic);
        assertEquals(12 * 40, a.size());
        assertEquals(a.keySet(), x.keySet(), "same forecasts, none lost");
        for (var e : a.entrySet()) {
            assertArrayEquals(e.getValue(), x.get(e.getKey()), 0.0, e.getKey());
        }
    }

    private static MiniCluster miniCluster(Configuration conf) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .build());
        cluster.start();
        return cluster;
    }

    private static void awaitCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(checkpoints)) {
                try (var files = Files.walk(checkpoints)) {
                    if (files.anyMatch(f -> f.getFileName().toString().equals("_metadata"))) {
                        return;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint completed in 60 s");
    }

    private JobConfig config(LocalKafkaBroker kafka, Path model, String name, String... more) {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "--bootstrap-servers",
                                kafka.bootstrapServers(),
                                "--model",
                                model.toString(),
                                "--group-id",
                                "recovery-" + name,
                                "--forecasts-topic",
                                "forecasts-" + name,
                                "--horizon",
                                "4",
                                "--adapt-every",
                                "6",
                                "--adapt-window",
                                "10",
                                "--adapt-iterations",
                                "2",
                                "--bounded",
                                "true",
                                "--checkpoint-interval",
                                "1s",
                                "--checkpoint-dir",
                                dir.resolve("cp-" + name).toUri().toString()));
        args.addAll(List.of(more));
        return JobConfig.parse(args.toArray(String[]::new));
    }

    private static Configuration flinkConfiguration(JobConfig cfg) {
        Configuration conf = ForecastJob.flinkConfiguration(cfg);
        // a slowed forecaster backs data up; unaligned barriers let checkpoints complete anyway
        conf.setString("execution.checkpointing.unaligned.enabled", "true");
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "200 ms");
        return conf;
    }

    private void run(LocalKafkaBroker kafka, Path model, String name, FaultInjector faults)
            throws Exception {
        JobConfig cfg = config(kafka, model, name);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(cfg));
        if (faults == null) {
            ForecastJob.build(env, cfg);
        } else {
            build(env, cfg, faults);
        }
        env.execute("recovery-" + name);
    }

    /** The job with the fault injector between its source and the rest of the pipeline. */
    private static void build(StreamExecutionEnvironment env, JobConfig cfg, FaultInjector f) {
        ForecastJob.configure(env, cfg);
        ForecastJob.build(
                cfg, f.after(ForecastJob.readings(env, cfg)), ForecastJob.Sinks.kafka(cfg));
    }

    /** "station@issue" -> values; fails on a duplicate. */
    private static Map<String, double[]> forecasts(LocalKafkaBroker kafka, String topic)
            throws Exception {
        Map<String, double[]> out = new TreeMap<>();
        try (TopicReader r = new TopicReader(kafka.clientProperties(), topic)) {
            for (ConsumerRecord<byte[], byte[]> rec : r.drain(Duration.ofSeconds(5))) {
                Forecast f = AvroMessages.decodeForecast(rec.value());
                String key =
                        f.getStation()
                                + "@"
                                + f.getIssueTime().toEpochMilli()
                                + "@"
                                + f.getModelVersion();
                double[] v = f.getSteps().stream().mapToDouble(s -> s.getValue()).toArray();
                assertTrue(out.put(key, v) == null, "duplicate forecast " + key);
            }
        }
        return out;
    }
}
