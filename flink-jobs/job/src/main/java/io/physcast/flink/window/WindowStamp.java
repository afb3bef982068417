package io.physcast.flink.window;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Emits the window's aggregate stamped with the window end (again on each late update). */
public final class WindowStamp
        extends ProcessWindowFunction<StationAccumulator, StationAggregate, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(
            String key,
            Context context,
            Iterable<StationAccumulator> accs,
            Collector<StationAggregate> out) {
        for (StationAccumulator acc : accs) {
            if (acc.count > 0) {
                out.collect(acc.toAggregate(context.window().getEnd()));
            }
        }
    }
}
