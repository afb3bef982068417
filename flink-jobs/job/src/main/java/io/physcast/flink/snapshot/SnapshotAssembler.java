package io.physcast.flink.snapshot;

import io.physcast.flink.ingest.GraphKey;
import io.physcast.flink.job.JobMetrics;
import io.physcast.flink.window.StationAggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by (region, variable): collects the station aggregates of each window and, when the
 * watermark passes the window end, emits one {@link GraphSnapshot} with every known station.
 * Windows nobody reported in are filled with all-missing snapshots (up to {@code maxGapWindows}),
 * so the forecaster advances exactly one step per window. A late aggregate re-emits its window as a
 * correction. Window entries are removed once their lateness has passed; stations silent for {@code
 * stationTtl} leave the graph (and with it the forecaster's state for them); a key silent for
 * {@code keyTtl} is removed entirely.
 */
public final class SnapshotAssembler
        extends KeyedProcessFunction<String, StationAggregate, GraphSnapshot> {
    private static final long serialVersionUID = 1L;
    private final long window;
    private final long lateness;
    private final long keyTtl;
    private final int k;
    private final int maxGapWindows;
    private final long stationTtl;

    private transient ValueState<StationRoster> roster;
    private transient Counter relocated;

    /** "windowEnd|station" -> aggregate, for windows not yet past their lateness. */
    private transient MapState<String, StationAggregate> pending;

    private transient ValueState<Long> lastEmitted;
    private transient ValueState<Long> ttlTimer;

    public SnapshotAssembler(
            long windowMillis, long latenessMillis, long keyTtlMillis, int k, int maxGapWindows) {
        this(windowMillis, latenessMillis, keyTtlMillis, k, maxGapWindows, 0);
    }

    /**
     * @param stationTtlMillis stations silent this long leave the graph (0: never)
     */
    public SnapshotAssembler(
            long windowMillis,
            long latenessMillis,
            long keyTtlMillis,
            int k,
            int maxGapWindows,
            long stationTtlMillis) {
        this.stationTtl = stationTtlMillis;
        this.window = windowMillis;
        this.lateness = latenessMillis;
        this.keyTtl = keyTtlMillis;
        this.k = k;
        this.maxGapWindows = maxGapWindows;
    }

    @Override
    public void open(OpenContext ctx) {
        relocated =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup(JobMetrics.GROUP)
                        .counter("stationsRelocated");
        roster =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "roster", TypeInformation.of(StationRoster.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.STRING,
                                        TypeInformation.of(StationAggregate.class)));
        lastEmitted = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.LONG));
        ttlTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("ttl", Types.LONG));
    }

    @Override
    public void processElement(StationAggregate a, Context ctx, Collector<GraphSnapshot> out)
            throws Exception {
        pending.put(a.windowEnd + GraphKey.SEPARATOR + a.station, a);
        Long last = lastEmitted.value();
        if (last != null && a.windowEnd <= last) {
            out.collect(snapshot(ctx.getCurrentKey(), a.windowEnd, true, false));
            return;
        }
        ctx.timerService().registerEventTimeTimer(a.windowEnd - 1);
        ctx.timerService().registerEventTimeTimer(a.windowEnd + lateness);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<GraphSnapshot> out)
            throws Exception {
        String key = ctx.getCurrentKey();
        Long ttl = ttlTimer.value();
        if (ttl != null && ts == ttl) {
            roster.clear();
            pending.clear();
            lastEmitted.clear();
            ttlTimer.clear();
            return;
        }
        long windowEnd = ts + 1;
        Long last = lastEmitted.value();
        if ((last == null || windowEnd > last) && hasEntries(windowEnd)) {
            boolean restart = false;
            if (last != null) {
                long missing = (windowEnd - last) / window - 1;
                if (missing > maxGapWindows) {
                    restart = true;
                } else {
                    for (long w = last + window; w < windowEnd; w += window) {
                        out.collect(snapshot(key, w, false, false));
                    }
                }
            }
            out.collect(snapshot(key, windowEnd, false, restart));
            lastEmitted.update(windowEnd);
            if (ttl != null) {
                ctx.timerService().deleteEventTimeTimer(ttl);
            }
            ttlTimer.update(windowEnd + keyTtl);
            ctx.timerService().registerEventTimeTimer(windowEnd + keyTtl);
        }
        removeExpired(ts);
    }

    private boolean hasEntries(long windowEnd) throws Exception {
        String prefix = windowEnd + GraphKey.SEPARATOR;
        for (String k : pending.keys()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void removeExpired(long ts) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, StationAggregate> e : pending.entries()) {
            if (e.getValue().windowEnd + lateness <= ts) {
                expired.add(e.getKey());
            }
        }
        for (String k : expired) {
            pending.remove(k);
        }
    }

    private GraphSnapshot snapshot(String key, long windowEnd, boolean correction, boolean restart)
            throws Exception {
        List<StationAggregate> aggs = new ArrayList<>();
        String prefix = windowEnd + GraphKey.SEPARATOR;
        for (Map.Entry<String, StationAggregate> e : pending.entries()) {
            if (e.getKey().startsWith(prefix)) {
                aggs.add(e.getValue());
            }
        }
        aggs.sort(java.util.Comparator.comparing(a -> a.station));
        StationRoster r = roster.value();
        if (r == null) {
            r = new StationRoster();
        }
        String[] ids = aggs.stream().map(a -> a.station).toArray(String[]::new);
        double[] lat = aggs.stream().mapToDouble(a -> a.lat).toArray();
        double[] lon = aggs.stream().mapToDouble(a -> a.lon).toArray();
        StationRoster grown = r.withStations(ids, lat, lon, k);
        if (!correction) {
            relocated.inc(grown.observePositions(ids, lat, lon, k));
        }
        grown.seen(aggs.stream().map(a -> a.station).toList(), windowEnd);
        if (stationTtl > 0 && !correction) {
            grown = grown.withoutSilentSince(windowEnd - stationTtl, k);
        }
        roster.update(grown);
        return SnapshotFrames.of(key, windowEnd, window, grown, aggs, correction, restart);
    }
}
