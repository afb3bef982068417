package io.physcast.flink.snapshot;

import io.physcast.flink.ingest.GraphKey;
import io.physcast.flink.window.StationAggregate;
import java.util.List;
import java.util.Map;

/** Builds a {@link GraphSnapshot} from a roster and one window's aggregates (pure). */
public final class SnapshotFrames {
    private SnapshotFrames() {}

    public static GraphSnapshot of(
            String key,
            long windowEnd,
            long windowMillis,
            StationRoster roster,
            List<StationAggregate> aggs,
            boolean correction,
            boolean restart) {
        GraphSnapshot s =
                ofGraph(
                        GraphKey.region(key),
                        GraphKey.variable(key),
                        windowEnd,
                        windowMillis,
                        roster);
        Map<String, Integer> index = roster.index();
        for (StationAggregate a : aggs) {
            Integer i = index.get(a.station);
            if (i != null) {
                s.values[i] = a.mean;
                s.observed[i] = true;
            }
        }
        s.correction = correction;
        s.restart = restart;
        return s;
    }

    /** A snapshot of the roster's stations and graph with nothing observed yet. */
    public static GraphSnapshot ofGraph(
            String region,
            String variable,
            long windowEnd,
            long windowMillis,
            StationRoster roster) {
        int n = roster.size();
        GraphSnapshot s = new GraphSnapshot();
        s.region = region;
        s.variable = variable;
        s.windowEnd = windowEnd;
        s.windowMillis = windowMillis;
        s.stations = roster.ids.clone();
        s.lat = roster.lat.clone();
        s.lon = roster.lon.clone();
        double[][] xy = roster.plane();
        s.x = xy[0].clone();
        s.y = xy[1].clone();
        s.src = roster.src.clone();
        s.dst = roster.dst.clone();
        s.graphVersion = roster.version;
        s.values = new double[n];
        s.observed = new boolean[n];
        return s;
    }
}
