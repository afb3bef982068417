package io.physcast.flink.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.flink.local.Messages;
import io.physcast.flink.window.StationAccumulator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReadingDeserializerTest {
    private static final long NOW = 1_700_000_000_000L;
    private final ReadingDeserializer d =
            new ReadingDeserializer(
                    new ReadingRules(Instant.parse("2000-01-01T00:00:00Z"), 3_600_000L));

    private Ingested read(byte[] value) {
        return d.toIngested(new ConsumerRecord<>("readings", 2, 41L, null, value), NOW);
    }

    private static byte[] reading(long time, double lat, double value) {
        return Messages.reading(0, "ie", "wind", "s1", time, lat, -8, value).value();
    }

    @Test
    void aValidReadingPassesWithItsSource() {
        Ingested i = read(reading(NOW - 1000, 53, 4.5));
        assertNull(i.deadLetter);
        assertEquals("s1", i.reading.station);
        assertEquals(4.5, i.reading.value);
        assertEquals(2, i.reading.partition);
        assertEquals(41L, i.reading.offset);
        assertEquals("ie|wind", i.reading.graphKey());
    }

    @Test
    void invalidValuesBecomeDeadLettersWithAReason() {
        assertReason(reading(NOW, 53, Double.NaN), "value is not finite");
        assertReason(reading(NOW, 53, Double.POSITIVE_INFINITY), "value is not finite");
        assertReason(reading(NOW, 91, 1), "impossible coordinates");
        assertReason(reading(NOW + 2 * 3_600_000L, 53, 1), "in the future");
        assertReason(reading(0, 53, 1), "before 2000");
        assertReason(null, "empty message");
        byte[] ok = reading(NOW, 53, 1);
        assertReason(Arrays.copyOf(ok, ok.length - 3), "malformed Avro");
    }

    @Test
    void randomBytesNeverThrowAndAlwaysGiveExactlyOneOutcome() {
        Random r = new Random(3);
        byte[] valid = reading(NOW, 53, 1);
        for (int n = 0; n < 20_000; n++) {
            byte[] b;
            if (n % 2 == 0) {
                b = new byte[r.nextInt(64)];
                r.nextBytes(b);
            } else {
                b = valid.clone(); // a valid header with corrupted body bytes
                for (int k = 0; k < 3; k++) {
                    b[10 + r.nextInt(b.length - 10)] = (byte) r.nextInt();
                }
            }
            Ingested i = read(b);
            assertTrue((i.reading == null) != (i.deadLetter == null), "exactly one outcome");
            if (i.deadLetter != null) {
                assertNotNull(i.deadLetter.reason);
                assertEquals(41L, i.deadLetter.offset);
            }
        }
    }

    @Test
    void aRedeliveredReadingCountsOnceInItsWindow() {
        StationAccumulator acc = new StationAccumulator();
        Reading a = new Reading("s1", "ie", "wind", 1000, 53, -8, 2);
        Reading b = new Reading("s1", "ie", "wind", 2000, 53, -8, 4);
        acc.add(a);
        acc.add(b);
        acc.add(a);
        var agg = acc.toAggregate(3_600_000L);
        assertEquals(2, agg.count);
        assertEquals(3.0, agg.mean);
        assertEquals(1, agg.duplicates);
        assertEquals(4.0, agg.last);
    }

    private void assertReason(byte[] value, String expected) {
        Ingested i = read(value);
        assertNull(i.reading);
        assertTrue(i.deadLetter.reason.contains(expected), i.deadLetter.reason);
        assertEquals("readings", i.deadLetter.topic);
    }
}
