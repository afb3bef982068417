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
 *
 * <p>Positions: a station keeps the position it first reported. One that reports another position
 * (more than {@link #MOVE_TOLERANCE_KM} away) in {@link #MOVE_CONFIRM_WINDOWS} consecutive windows,
 * each time the same one, has moved and is relocated there; a position that flips back and forth is
 * a glitch and is ignored. Stations closer than {@link #MIN_SEPARATION_KM} (co-located sensors)
 * share no edge: a finite difference over almost no distance is noise divided by almost zero.
 */
public class StationRoster {
    public static final double MOVE_TOLERANCE_KM = 1.0;
    public static final int MOVE_CONFIRM_WINDOWS = 3;
    public static final double MIN_SEPARATION_KM = 0.05;

    public String[] ids = new String[0];
    public double[] lat = new double[0];
    public double[] lon = new double[0];
    public int[] src = new int[0];
    public int[] dst = new int[0];

    /**
     * Positions on the graph's local plane (km), as the k-NN graph was built on them. Null in state
     * written before these fields existed.
     */
    public double[] x;

    public double[] y;

    /** End of the last window each station reported in (epoch millis). */
    public long[] lastSeen = new long[0];

    public int version;

    /**
     * Per station: the other position it has reported in {@link #movedWindows} consecutive windows
     * (NaN: none). Null in state written before these fields existed.
     */
    public double[] movedLat;

    public double[] movedLon;
    public int[] movedWindows;

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
        r.resetMoves();
        ensureMoves();
        System.arraycopy(movedLat, 0, r.movedLat, 0, ids.length);
        System.arraycopy(movedLon, 0, r.movedLon, 0, ids.length);
        System.arraycopy(movedWindows, 0, r.movedWindows, 0, ids.length);
        r.version = version + 1;
        r.rebuildGraph(k);
        return r;
    }

    /**
     * Records the positions the stations reported in one window and relocates those whose move is
     * confirmed. Returns the number of stations relocated (the graph and version change if any).
     */
    public int observePositions(String[] stationIds, double[] newLat, double[] newLon, int k) {
        ensureMoves();
        Map<String, Integer> at = index();
        int relocated = 0;
        for (int j = 0; j < stationIds.length; j++) {
            Integer i = at.get(stationIds[j]);
            if (i == null) {
                continue;
            }
            if (distanceKm(lat[i], lon[i], newLat[j], newLon[j]) <= MOVE_TOLERANCE_KM) {
                movedWindows[i] = 0;
                movedLat[i] = Double.NaN;
                movedLon[i] = Double.NaN;
            } else if (movedWindows[i] > 0
                    && distanceKm(movedLat[i], movedLon[i], newLat[j], newLon[j])
                            <= MOVE_TOLERANCE_KM) {
                movedWindows[i]++;
            } else {
                movedWindows[i] = 1;
                movedLat[i] = newLat[j];
                movedLon[i] = newLon[j];
            }
            if (movedWindows[i] >= MOVE_CONFIRM_WINDOWS) {
                lat[i] = newLat[j];
                lon[i] = newLon[j];
                movedWindows[i] = 0;
                movedLat[i] = Double.NaN;
                movedLon[i] = Double.NaN;
                relocated++;
            }
        }
        if (relocated > 0) {
            version++;
            rebuildGraph(k);
        }
        return relocated;
    }

    private void ensureMoves() {
        if (movedWindows == null || movedWindows.length != ids.length) {
            resetMoves();
        }
    }

    private void resetMoves() {
        movedLat = new double[ids.length];
        movedLon = new double[ids.length];
        movedWindows = new int[ids.length];
        Arrays.fill(movedLat, Double.NaN);
        Arrays.fill(movedLon, Double.NaN);
    }

    private static double distanceKm(double lat0, double lon0, double lat1, double lon1) {
        double[] p = new GeoProjection(lat0, lon0).project(lat1, lon1);
        return Math.hypot(p[0], p[1]);
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
        r.resetMoves();
        ensureMoves();
        int j = 0;
        for (int i = 0; i < ids.length; i++) {
            if (lastSeen[i] >= cutoff) {
                r.ids[j] = ids[i];
                r.lat[j] = lat[i];
                r.lon[j] = lon[i];
                r.lastSeen[j] = lastSeen[i];
                r.movedLat[j] = movedLat[i];
                r.movedLon[j] = movedLon[i];
                r.movedWindows[j] = movedWindows[i];
                j++;
            }
        }
        r.version = version + 1;
        r.rebuildGraph(k);
        return r;
    }

    private void rebuildGraph(int k) {
        double[][] xy = project(lat, lon);
        StationGraph g = graphOnPlane(xy[0], xy[1], k);
        src = g.srcArray();
        dst = g.dstArray();
        x = xy[0];
        y = xy[1];
    }

    /** {x[], y[]}: the positions the graph was built on. */
    double[][] plane() {
        return x != null && x.length == ids.length ? new double[][] {x, y} : project(lat, lon);
    }

    /**
     * Symmetrised k-NN on the local plane, fewer neighbours when there are few stations, without
     * edges between co-located stations.
     */
    public static StationGraph graph(double[] lat, double[] lon, int k) {
        double[][] xy = project(lat, lon);
        return graphOnPlane(xy[0], xy[1], k);
    }

    /** The same on positions already projected to the local plane (km). */
    private static StationGraph graphOnPlane(double[] px, double[] py, int k) {
        if (px.length < 2) {
            return new StationGraph(px, py, new int[0], new int[0]);
        }
        StationGraph knn = new KnnGraphBuilder(Math.min(k, px.length - 1)).build(px, py);
        int keep = 0;
        for (int e = 0; e < knn.edges(); e++) {
            keep += knn.length(e) >= MIN_SEPARATION_KM ? 1 : 0;
        }
        if (keep == knn.edges()) {
            return knn;
        }
        int[] src = new int[keep];
        int[] dst = new int[keep];
        for (int e = 0, j = 0; e < knn.edges(); e++) {
            if (knn.length(e) >= MIN_SEPARATION_KM) {
                src[j] = knn.src(e);
                dst[j++] = knn.dst(e);
            }
        }
        return new StationGraph(px, py, src, dst);
    }

    /** Positions on a local plane (km) centred on the stations: {x[], y[]}. */
    public static double[][] project(double[] lat, double[] lon) {
        int n = lat.length;
        double[][] xy = new double[2][n];
        if (n == 0) {
            return xy;
        }
        GeoProjection p = GeoProjection.centredOn(lat, lon);
        for (int i = 0; i < n; i++) {
            double[] q = p.project(lat[i], lon[i]);
            xy[0][i] = q[0];
            xy[1][i] = q[1];
        }
        return xy;
    }
}
