package io.physcast.flink.job;

import io.physcast.flink.ingest.DeadLetterRecord;
import io.physcast.flink.ingest.Reading;
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
        late =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(JobMetrics.GROUP)
                        .counter("lateReadings");
    }

    @Override
    public DeadLetterRecord map(Reading r) {
        late.inc();
        long windowEnd = r.eventTime - Math.floorMod(r.eventTime, window) + window;
        return new DeadLetterRecord(
                r.encode(),
                "late: window ending " + Instant.ofEpochMilli(windowEnd) + " already closed",
                topic,
                r.partition,
                r.offset,
                System.currentTimeMillis());
    }
}
