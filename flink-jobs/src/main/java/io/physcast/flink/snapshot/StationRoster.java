package io.physcast.flink.snapshot;

import io.physcast.model.graph.GeoProjection;
import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.graph.StationGraph;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stations of one graph in a stable order with their positions and k-NN edges (POJO kept in the
 * assembler's keyed state). Adding stations appends them and rebuilds the graph once.
 */
public class StationRoster {
    public String[] ids = new String[0];
    public double[] lat = new double[0];
    public double[] lon = new double[0];
    public int[] src = new int[0];
    public int[] dst = new int[0];

    /** End of the last window each station reported in (epoch millis). */
    public long[] lastSeen = new long[0];

    public int version;

    public StationRoster() {}

    public int size() {
        return ids.length;
    }

    public int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of every station id (for per-window lookups). */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            m.put(ids[i], i);
        }
        return m;
    }

    /**
     * This roster with the given stations added (those not already present, in the given order);
     * {@code this} when none is new.
     */
    public StationRoster withStations(String[] newIds, double[] newLat, double[] newLon, int k) {
        Map<String, Integer> known = index();
        int added = 0;
        String[] ids2 = Arrays.copyOf(ids, ids.length + newIds.length);
        double[] lat2 = Arrays.copyOf(lat, ids.length + newIds.length);
        double[] lon2 = Arrays.copyOf(lon, ids.length + newIds.length);
        for (int i = 0; i < newIds.length; i++) {
            if (known.putIfAbsent(newIds[i], ids.length + added) == null) {
                ids2[ids.length + added] = newIds[i];
                lat2[ids.length + added] = newLat[i];
                lon2[ids.length + added] = newLon[i];
                added++;
            }
        }
        if (added == 0) {
            return this;
        }
        StationRoster r = new StationRoster();
        r.ids = Arrays.copyOf(ids2, ids.length + added);
        r.lat = Arrays.copyOf(lat2, ids.length + added);
        r.lon = Arrays.copyOf(lon2, ids.length + added);
        r.lastSeen = Arrays.copyOf(lastSeen, ids.length + added);
        r.version = version + 1;
        r.rebuildGraph(k);
        return r;
    }

    /** Records that these stations reported in the window ending at {@code windowEnd}. */
    public void seen(Iterable<String> stationIds, long windowEnd) {
        Map<String, Integer> at = index();
        for (String id : stationIds) {
            Integer i = at.get(id);
            if (i != null) {
                lastSeen[i] = Math.max(lastSeen[i], windowEnd);
            }
        }
    }

    /**
     * This roster without the stations that last reported before {@code cutoff} (their state goes
     * with them; a station that comes back later joins as new); {@code this} when none is silent.
     */
    public StationRoster withoutSilentSince(long cutoff, int k) {
        int keep = 0;
        for (long t : lastSeen) {
            keep += t >= cutoff ? 1 : 0;
        }
        if (keep == ids.length) {
            return this;
        }
        StationRoster r = new StationRoster();
        r.ids = new String[keep];
        r.lat = new double[keep];
        r.lon = new double[keep];
        r.lastSeen = new long[keep];
        int j = 0;
        for (int i = 0; i < ids.length; i++) {
            if (lastSeen[i] >= cutoff) {
                r.ids[j] = ids[i];
                r.lat[j] = lat[i];
                r.lon[j] = lon[i];
                r.lastSeen[j] = lastSeen[i];
                j++;
            }
        }
        r.version = version + 1;
        r.rebuildGraph(k);
        return r;
    }

    private void rebuildGraph(int k) {
        StationGraph g = graph(lat, lon, k);
        src = g.srcArray();
        dst = g.dstArray();
    }

    /** Symmetrised k-NN on the local plane; fewer neighbours when there are few stations. */
    public static StationGraph graph(double[] lat, double[] lon, int k) {
        double[][] xy = project(lat, lon);
        if (lat.length < 2) {
            return new StationGraph(xy[0], xy[1], new int[0], new int[0]);
        }
        return new KnnGraphBuilder(Math.min(k, lat.length - 1)).build(xy[0], xy[1]);
    }

    /** Positions on a local plane (km) centred on the stations: {x[], y[]}. */
    public static double[][] project(double[] lat, double[] lon) {
        int n = lat.length;
        double[][] xy = new double[2][n];
        GeoProjection p = GeoProjection.centredOn(lat, lon);
        for (int i = 0; i < n; i++) {
            double[] q = p.project(lat[i], lon[i]);
            xy[0][i] = q[0];
            xy[1][i] = q[1];
        }
        return xy;
    }
}
