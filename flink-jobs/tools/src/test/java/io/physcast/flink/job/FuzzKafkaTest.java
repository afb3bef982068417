package io.physcast.flink.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.TestArtifacts;
import io.physcast.flink.config.JobConfig;
import io.physcast.flink.local.LocalKafkaBroker;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import io.physcast.flink.local.Replay;
import io.physcast.flink.local.TopicReader;
import io.physcast.flink.window.StationAggregate;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import io.physcast.schemas.codec.AvroMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input: 100,000 messages mixing valid readings with random bytes, truncated and
 * schema-incompatible Avro, NaN/Inf, impossible coordinates, timestamps in 1970 and 2100,
 * redelivered duplicates, a station whose position jumps, too-late readings and a burst for an
 * unknown region. The job keeps running and the counts reconcile exactly: every valid message is
 * counted in a window aggregate (once; a redelivery as a duplicate) or is in the DLQ as late, and
 * every other message is in the DLQ with its reason.
 */
class FuzzKafkaTest {
    private static final long H = TestArtifacts.HOUR;

    /** 100,000 in CI; scripts/soak.sh raises it (-Dphyscast.fuzz.messages). */
    private static final int TOTAL = Integer.getInteger("physcast.fuzz.messages", 100_000);

    @TempDir Path dir;

    @Test
    void everyMessageIsCountedOrDeadLetteredAndTheCountsReconcile() throws Exception {
        Random r = new Random(17);
        List<Message> messages = new ArrayList<>(TOTAL);
        Map<String, Integer> badSent = new TreeMap<>();
        int valid = 0;
        int duplicates = 0;
        int late = 0;
        byte[] forecastBytes = AvroMessages.encode(sampleForecast());
        List<Message> recentValid = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            long t = TestArtifacts.T0 + (long) i * 7_200L; // 500 messages an hour
            long sendAt = t + r.nextInt(60_000);
            int s = r.nextInt(30);
            double lat = TestArtifacts.lat(s);
            double lon = TestArtifacts.lon(s);
            int kind = r.nextInt(100);
            Message m;
            String bad = null;
            if (kind < 55) {
                if (s == 7 && i % 2 == 0) {
                    lat += 0.5; // station s7 keeps jumping between two positions
                }
                m = Messages.reading(sendAt, "ie", "wind", "s" + s, t, lat, lon, r.nextGaussian());
            } else if (kind < 60) {
                // the burst: 300 stations of a region nobody configured
                m = Messages.reading(sendAt, "burst", "pm10", "b" + r.nextInt(300), t, 48, 11, 20);
            } else if (kind < 65 && !recentValid.isEmpty()) {
                Message d = recentValid.get(r.nextInt(recentValid.size()));
                m = new Message(sendAt, d.key(), d.value(), d.reading()); // redelivery
                duplicates++;
            } else if (kind < 67 && t >= TestArtifacts.T0 + 4 * H) {
                // event time 3 hours behind: beyond the 1 h allowed lateness (once the stream has
                // moved past those windows; at its start such a reading is simply early data)
                m = Messages.reading(sendAt, "ie", "wind", "s" + s, t - 3 * H, lat, lon, 1);
                late++;
            } else if (kind < 72) {
                byte[] junk = new byte[r.nextInt(80)];
                r.nextBytes(junk);
                m = Messages.junk(sendAt, "junk", junk);
                bad = junk.length == 0 ? "empty-or-malformed" : "malformed";
            } else if (kind < 77) {
                byte[] ok = Messages.reading(0, "ie", "wind", "s1", t, lat, lon, 1).value();
                m =
                        Messages.junk(
                                sendAt, "trunc", java.util.Arrays.copyOf(ok, r.nextInt(ok.length)));
                bad = "malformed";
            } else if (kind < 82) {
                m = Messages.junk(sendAt, "other-schema", forecastBytes);
                bad = "malformed";
            } else if (kind < 87) {
                double v = r.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
                m = Messages.invalid(sendAt, "ie", "wind", "s" + s, t, lat, lon, v);
                bad = "value";
            } else if (kind < 92) {
                m = Messages.invalid(sendAt, "ie", "wind", "s" + s, t, 100, 200, 1);
                bad = "impossible";
            } else if (kind < 96) {
                m = Messages.invalid(sendAt, "ie", "wind", "s" + s, 1000L * i, lat, lon, 1);
                bad = "event";
            } else {
                long y2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
                m = Messages.invalid(sendAt, "ie", "wind", "s" + s, y2100, lat, lon, 1);
                bad = "event";
            }
            if (bad != null) {
                badSent.merge(
                        bad.equals("empty-or-malformed") ? "malformed" : bad, 1, Integer::sum);
            } else {
                valid++;
                if (m.reading() != null && m.reading().time() >= t - H) {
                    recentValid.add(m);
                    if (recentValid.size() > 50) {
                        recentValid.remove(0);
                    }
                }
            }
            messages.add(m);
        }
        messages.sort(Comparator.comparingLong(Message::sendAt));
        System.out.printf(
                "fuzz: %d messages, %d valid, %d duplicates, %d late, bad %s%n",
                TOTAL, valid, duplicates, late, badSent);

        try (LocalKafkaBroker kafka = LocalKafkaBroker.start()) {
            kafka.createTopics(1, "readings", "forecasts", "readings-dlq");
            Replay.send(kafka.clientProperties(), "readings", messages, 0, n -> {});
            JobConfig cfg =
                    JobConfig.parse(
                            "--bootstrap-servers", kafka.bootstrapServers(),
                            "--model", TestArtifacts.writeTiny(dir).toString(),
                            "--horizon", "3",
                            "--adapt-every", "0",
                            "--bounded", "true",
                            "--checkpoint-interval", "2s");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(
                            ForecastJob.flinkConfiguration(cfg));
            ForecastJob.Streams streams = ForecastJob.build(env, cfg);
            // the last (most complete) aggregate of every station-window
            Map<String, StationAggregate> finalAggregates = new HashMap<>();
            try (CloseableIterator<StationAggregate> it = streams.aggregates().collectAsync()) {
                // read while the job runs: the collect sink holds only a bounded buffer, and a
                // full one would back-pressure the job until its checkpoints expire
                JobClient job = env.executeAsync("fuzz");
                while (it.hasNext()) {
                    StationAggregate a = it.next();
                    finalAggregates.merge(
                            a.region + a.station + "@" + a.windowEnd,
                            a,
                            (x, y) -> y.count + y.duplicates >= x.count + x.duplicates ? y : x);
                }
                job.getJobExecutionResult().get();
            }
            long counted = 0;
            long dupCounted = 0;
            for (StationAggregate a : finalAggregates.values()) {
                counted += a.count;
                dupCounted += a.duplicates;
            }

            Map<String, Integer> dlq = new TreeMap<>();
            try (TopicReader reader = new TopicReader(kafka.clientProperties(), "readings-dlq")) {
                for (ConsumerRecord<byte[], byte[]> rec : reader.drain(Duration.ofSeconds(5))) {
                    String reason = AvroMessages.decodeDeadLetter(rec.value()).getReason();
                    String kind = reason.split("[ :]", 2)[0];
                    dlq.merge(kind.equals("empty") ? "malformed" : kind, 1, Integer::sum);
                }
            }
            int lateSeen = dlq.getOrDefault("late", 0);
            dlq.remove("late");
            assertEquals(badSent, dlq, "every bad message in the DLQ, by reason");
            assertEquals(late, lateSeen, "the too-late readings, and only those, in the DLQ");
            assertEquals(duplicates, dupCounted, "each redelivery seen once as a duplicate");
            assertEquals(
                    valid,
                    counted + dupCounted + lateSeen,
                    "valid = aggregated + duplicates + late");
            assertEquals(TOTAL, counted + dupCounted + lateSeen + dlqTotal(badSent));
            try (TopicReader reader = new TopicReader(kafka.clientProperties(), "forecasts")) {
                int hours = (int) ((long) TOTAL * 7_200L / H);
                assertTrue(reader.drain(Duration.ofSeconds(5)).size() > 30 * (hours - 10));
            }
        }
    }

    private static int dlqTotal(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Forecast sampleForecast() {
        return Forecast.newBuilder()
                .setRegion("ie")
                .setVariable("wind")
                .setStation("s1")
                .setIssueTime(Instant.ofEpochMilli(TestArtifacts.T0))
                .setModelVersion("x")
                .setSteps(
                        List.of(
                                new ForecastStep(
                                        1,
                                        Instant.ofEpochMilli(TestArtifacts.T0),
                                        1.0,
                                        null,
                                        List.of())))
                .build();
    }
}
