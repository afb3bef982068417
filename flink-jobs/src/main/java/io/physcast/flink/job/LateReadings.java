package io.physcast.flink.job;

import io.physcast.flink.ingest.DeadLetterRecord;
import io.physcast.flink.ingest.Reading;
import io.physcast.schemas.SensorReading;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Readings that arrived after their window's allowed lateness: counted, and written to the
 * dead-letter topic (re-encoded, with their source offset) so no reading disappears silently.
 */
final class LateReadings extends RichMapFunction<Reading, DeadLetterRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final long window;
    private transient Counter late;

    LateReadings(String topic, long windowMillis) {
        this.topic = topic;
        this.window = windowMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    }

    @Override
    public DeadLetterRecord map(Reading r) {
        late.inc();
        SensorReading avro =
                SensorReading.newBuilder()
                        .setStation(r.station)
                        .setRegion(r.region)
                        .setVariable(r.variable)
                        .setEventTime(Instant.ofEpochMilli(r.eventTime))
                        .setLat(r.lat)
                        .setLon(r.lon)
                        .setValue(r.value)
                        .build();
        long windowEnd = r.eventTime - Math.floorMod(r.eventTime, window) + window;
        return new DeadLetterRecord(
                AvroMessages.encode(avro),
                "late: window ending " + Instant.ofEpochMilli(windowEnd) + " already closed",
                topic,
                r.partition,
                r.offset,
                System.currentTimeMillis());
    }
}
