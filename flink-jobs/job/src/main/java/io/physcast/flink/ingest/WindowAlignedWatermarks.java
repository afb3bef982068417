package io.physcast.flink.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks ({@code max event time - outOfOrderness - 1}) that are also
 * emitted at once, on the event itself, whenever they cross a time that decides something: a window
 * end (the window fires) or a window end plus the allowed lateness (later readings are late).
 * Periodic emission alone makes those decisions depend on how fast the input is read (a backfill
 * read in a burst would see almost no watermark and nothing late); with this generator they depend
 * only on the order of the input, so replays, backfills and restores agree.
 */
public final class WindowAlignedWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrderness;
    private final long window;
    private final long lateness;
    private long maxTimestamp;
    private long emitted = Long.MIN_VALUE;

    public WindowAlignedWatermarks(long outOfOrderness, long window, long lateness) {
        this.outOfOrderness = outOfOrderness;
        this.window = window;
        this.lateness = lateness;
        this.maxTimestamp = Long.MIN_VALUE + outOfOrderness + 1;
    }

    private long current() {
        return maxTimestamp - outOfOrderness - 1;
    }

    @Override
    public void onEvent(T event, long timestamp, WatermarkOutput out) {
        if (timestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = timestamp;
        long wm = current();
        if (crossesDecision(emitted, wm)) {
            emit(out, wm);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {
        long wm = current();
        if (wm > emitted) {
            emit(out, wm);
        }
    }

    private void emit(WatermarkOutput out, long wm) {
        emitted = wm;
        out.emitWatermark(new Watermark(wm));
    }

    /** Whether a watermark moving from {@code from} to {@code to} passes end - 1 or end + L - 1. */
    boolean crossesDecision(long from, long to) {
        if (to <= from) {
            return false;
        }
        if (from == Long.MIN_VALUE) {
            return true;
        }
        return passes(from, to, -1) || passes(from, to, lateness - 1);
    }

    /** Whether some k * window + offset lies in (from, to]. */
    private boolean passes(long from, long to, long offset) {
        return Math.floorDiv(to - offset, window) > Math.floorDiv(from - offset, window);
    }
}
