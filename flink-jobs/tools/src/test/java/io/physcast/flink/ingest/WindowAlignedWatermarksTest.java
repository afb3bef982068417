package io.physcast.flink.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class WindowAlignedWatermarksTest {
    private static final long H = 3_600_000L;
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput out =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark w) {
                    emitted.add(w.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    @Test
    void emitsOnTheEventThatPassesAWindowEndOrItsLateness() {
        long ooo = 600_000L; // 10 min
        var g = new WindowAlignedWatermarks<String>(ooo, H, H / 2);
        g.onEvent("a", 5 * H + 1000, out); // first event: emitted
        assertEquals(List.of(5 * H + 1000 - ooo - 1), emitted);
        g.onEvent("b", 5 * H + 5 * 60_000L, out); // still inside the same interval: not yet
        assertEquals(1, emitted.size());
        g.onEvent("c", 5 * H + 40 * 60_000L, out); // wm 5:30 - 1 passes 5h + 30 min - 1
        assertEquals(2, emitted.size());
        assertEquals(5 * H + 30 * 60_000L - 1, emitted.get(1));
        g.onEvent("d", 5 * H + 35 * 60_000L, out); // older than the max: nothing
        assertEquals(2, emitted.size());
        g.onEvent("e", 6 * H + 10 * 60_000L, out); // wm 6h - 1 exactly: window 5-6 h fires
        assertEquals(6 * H - 1, (long) emitted.get(2));
        g.onPeriodicEmit(out); // nothing new to say
        assertEquals(3, emitted.size());
        g.onEvent("f", 6 * H + 11 * 60_000L, out);
        g.onPeriodicEmit(out); // periodic emission still moves it between decisions
        assertEquals(6 * H + 60_000L - 1, (long) emitted.get(3));
    }
}
