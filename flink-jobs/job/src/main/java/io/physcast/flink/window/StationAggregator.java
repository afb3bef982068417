package io.physcast.flink.window;

import io.physcast.flink.ingest.Reading;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental per-station window aggregation (see {@link StationAccumulator}). */
public final class StationAggregator
        implements AggregateFunction<Reading, StationAccumulator, StationAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public StationAccumulator createAccumulator() {
        return new StationAccumulator();
    }

    @Override
    public StationAccumulator add(Reading r, StationAccumulator acc) {
        acc.add(r);
        return acc;
    }

    @Override
    public StationAccumulator getResult(StationAccumulator acc) {
        return acc;
    }

    @Override
    public StationAccumulator merge(StationAccumulator a, StationAccumulator b) {
        return a.merge(b);
    }
}
