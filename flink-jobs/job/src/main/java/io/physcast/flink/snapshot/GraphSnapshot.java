package io.physcast.flink.snapshot;

/**
 * One window of one (region, variable) graph: every known station in a stable order (new stations
 * are appended, so existing indices never move), its window mean or a missing mark, and the k-NN
 * graph, whose {@code graphVersion} changes exactly when the station set does.
 */
public class GraphSnapshot {
    public String region;
    public String variable;

    /** Exclusive end of the window (epoch millis). */
    public long windowEnd;

    public long windowMillis;
    public String[] stations;
    public double[] lat;
    public double[] lon;

    /** Positions on the graph's local plane (km), as the assembler built the graph on them. */
    public double[] x;

    public double[] y;
    public double[] values;
    public boolean[] observed;
    public int[] src;
    public int[] dst;
    public int graphVersion;

    /** A late update of an already emitted window: refreshes stored frames, issues nothing. */
    public boolean correction;

    /** The gap before this window was too long to fill: recurrent state starts afresh. */
    public boolean restart;

    public GraphSnapshot() {}

    public int nodes() {
        return stations.length;
    }

    public int observedCount() {
        int c = 0;
        for (boolean o : observed) {
            c += o ? 1 : 0;
        }
        return c;
    }
}
