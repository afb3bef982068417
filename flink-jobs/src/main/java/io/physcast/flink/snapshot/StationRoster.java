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
        r.version = version + 1;
        StationGraph g = graph(r.lat, r.lon, k);
        r.src = g.srcArray();
        r.dst = g.dstArray();
        return r;
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
