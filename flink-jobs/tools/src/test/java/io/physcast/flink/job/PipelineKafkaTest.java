package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.TestReadings;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import io.physcast.schemas.DeadLetter;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a real (in-process KRaft) broker and a Flink MiniCluster. */
class PipelineKafkaTest {
    private static final long H = TestArtifacts.HOUR;
    private static final int STATIONS = 50;
    private static final int HOURS = 72;
    private static final int HORIZON = 6;
    private static LocalKafkaBroker kafka;

    @TempDir static Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafkaBroker.start();
        kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void exactlyOneForecastPerStationPerWindowAndEveryBadMessageInTheDlq() throws Exception {
        Random rnd = new Random(5);
        List<Message> messages = new ArrayList<>(TestReadings.hourly(STATIONS, HOURS, 5));
        Map<String, Integer> badSent = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            long sendAt = TestArtifacts.T0 + rnd.nextInt(HOURS) * H;
            long t = sendAt;
            String kind;
            Message m;
            switch (i % 5) {
                case 0 -> {
                    byte[] junk = new byte[1 + rnd.nextInt(40)];
                    rnd.nextBytes(junk);
                    m = Messages.junk(sendAt, "junk", junk);
                    kind = "malformed";
                }
                case 1 -> {
                    m = Messages.invalid(sendAt, "ie", "wind", "s1", t, 53, -8, Double.NaN);
                    kind = "value";
                }
                case 2 -> {
                    m = Messages.invalid(sendAt, "ie", "wind", "s1", t, 95, -8, 1);
                    kind = "impossible";
                }
                case 3 -> {
                    m = Messages.invalid(sendAt, "ie", "wind", "s1", 4_102_444_800_000L, 53, -8, 1);
                    kind = "event";
                }
                default -> {
                    m = Messages.invalid(sendAt, "ie", "wind", "s1", 86_400_000L, 53, -8, 1);
                    kind = "event";
                }
            }
            messages.add(m);
            badSent.merge(kind, 1, Integer::sum);
        }
        // late readings: 3 beyond the allowed lateness (1 h) -> DLQ "late"; 4 within it update
        // their window's aggregate (a correction) and must not add forecasts
        for (int i = 0; i < 7; i++) {
            int w = 10 + 5 * i;
            long t = TestArtifacts.T0 + w * H + 1000 * i;
            long sendAt = i < 3 ? t + 3 * H : t + H + 20 * 60_000L;
            messages.add(
                    Messages.reading(
                            sendAt,
                            "ie",
                            "wind",
                            "s" + i,
                            t,
                            TestArtifacts.lat(i),
                            TestArtifacts.lon(i),
                            TestArtifacts.value(i, w)));
        }
        badSent.put("late", 3);
        messages.sort(java.util.Comparator.comparingLong(Message::sendAt));
        Replay.send(kafka.clientProperties(), "readings", messages, 0, sent -> {});

        Path model = TestArtifacts.writeTiny(dir);
        JobConfig cfg =
                JobConfig.parse(
                        "--bootstrap-servers", kafka.bootstrapServers(),
                        "--model", model.toString(),
                        "--horizon", Integer.toString(HORIZON),
                        "--adapt-every", "0",
                        "--bounded", "true",
                        "--checkpoint-interval", "1s",
                        "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString());
        Preflight.check(cfg);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        ForecastJob.flinkConfiguration(cfg));
        ForecastJob.build(env, cfg);
        env.execute("pipeline-test");

        List<ConsumerRecord<byte[], byte[]>> forecasts;
        try (TopicReader reader = new TopicReader(kafka.clientProperties(), "forecasts")) {
            forecasts = reader.drain(Duration.ofSeconds(5));
        }
        // every window ends in a snapshot; a station is forecast from its first report on
        int expected = STATIONS * HOURS;
        assertEquals(expected, forecasts.size(), "one forecast per station per window");
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : forecasts) {
            Forecast f = AvroMessages.decodeForecast(r.value());
            long issue = f.getIssueTime().toEpochMilli();
            assertTrue(seen.add(f.getStation() + "@" + issue), "duplicate " + f.getStation());
            assertEquals(0, (issue - TestArtifacts.T0) % H, "issued at a window end");
            assertEquals(HORIZON, f.getSteps().size());
            for (int h = 0; h < HORIZON; h++) {
                var step = f.getSteps().get(h);
                assertEquals(h + 1, step.getHorizon());
                assertEquals(issue + (h + 1) * H, step.getTargetTime().toEpochMilli());
                assertTrue(Double.isFinite(step.getValue()), "finite forecast");
            }
        }
        for (int w = 0; w < HOURS; w++) {
            for (int s = 0; s < STATIONS; s++) {
                long issue = TestArtifacts.T0 + (w + 1) * H;
                assertTrue(seen.contains("s" + s + "@" + issue), "s" + s + " window " + w);
            }
        }

        List<ConsumerRecord<byte[], byte[]>> dead;
        try (TopicReader reader = new TopicReader(kafka.clientProperties(), "readings-dlq")) {
            dead = reader.drain(Duration.ofSeconds(5));
        }
        Map<String, Integer> badSeen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            DeadLetter d = AvroMessages.decodeDeadLetter(r.value());
            String kind = d.getReason().split("[ :]", 2)[0];
            badSeen.merge(kind.equals("empty") ? "malformed" : kind, 1, Integer::sum);
            assertEquals("readings", d.getTopic());
        }
        assertEquals(badSent, badSeen, "the DLQ holds exactly the bad messages, by reason");
    }
}
