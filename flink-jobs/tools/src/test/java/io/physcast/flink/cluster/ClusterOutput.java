package io.physcast.flink.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.local.TopicReader;
import io.physcast.schemas.DeadLetter;
import io.physcast.schemas.Forecast;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run committed (read_committed): its forecasts by region, station and issue time, each kept
 * as the record's bytes (model version included), and its dead letters (where each reading was, why
 * it was refused, its bytes) as a sorted list.
 */
record ClusterOutput(Map<String, String> forecasts, List<String> deadLetters) {

    static ClusterOutput read(Properties client, String forecastsTopic, String dlqTopic)
            throws Exception {
        Map<String, String> f = new TreeMap<>();
        try (TopicReader r = new TopicReader(client, forecastsTopic)) {
            for (ConsumerRecord<byte[], byte[]> rec : r.drain(Duration.ofSeconds(3))) {
                Forecast x = AvroMessages.decodeForecast(rec.value());
                String key =
                        x.getRegion()
                                + "/"
                                + x.getStation()
                                + "@"
                                + x.getIssueTime().toEpochMilli();
                String old = f.put(key, Base64.getEncoder().encodeToString(rec.value()));
                assertTrue(old == null, "forecast committed twice: " + key);
            }
        }
        List<String> d = new ArrayList<>();
        try (TopicReader r = new TopicReader(client, dlqTopic)) {
            for (ConsumerRecord<byte[], byte[]> rec : r.drain(Duration.ofSeconds(3))) {
                DeadLetter x = AvroMessages.decodeDeadLetter(rec.value());
                // all but the topic (runs may read copies of the readings under other names) and
                // the wall-clock time the record was diverted
                d.add(
                        x.getPartition()
                                + "/"
                                + x.getOffset()
                                + " "
                                + x.getReason()
                                + " "
                                + Base64.getEncoder().encodeToString(x.getPayload().array()));
            }
        }
        Collections.sort(d);
        return new ClusterOutput(f, d);
    }

    static Forecast decode(String bytes) throws java.io.IOException {
        return AvroMessages.decodeForecast(Base64.getDecoder().decode(bytes));
    }

    /** Counts committed forecasts (read_committed) until {@code quiet} passes with none new. */
    static int countWhenSettled(
            Properties client, String topic, int atLeast, Duration quiet, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = 0;
        long lastNew = System.nanoTime();
        try (TopicReader r = new TopicReader(client, topic)) {
            while (System.nanoTime() < deadline) {
                int got = r.poll(Duration.ofMillis(500)).size();
                if (got > 0) {
                    n += got;
                    lastNew = System.nanoTime();
                } else if (n >= atLeast && System.nanoTime() - lastNew > quiet.toNanos()) {
                    return n;
                }
            }
        }
        throw new AssertionError(
                topic + ": " + n + " forecasts (wanted at least " + atLeast + ") by the deadline");
    }

    /** Record for record and bit for bit: none lost, none extra, the same dead letters. */
    void assertSameAs(ClusterOutput reference, String what) {
        assertEquals(
                reference.forecasts.keySet(), forecasts.keySet(), what + ": the same forecasts");
        for (var e : reference.forecasts.entrySet()) {
            assertEquals(e.getValue(), forecasts.get(e.getKey()), what + ": bits of " + e.getKey());
        }
        assertEquals(reference.deadLetters, deadLetters, what + ": the same dead letters");
    }
}
