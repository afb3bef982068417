package io.physcast.model.graph;

import java.util.Arrays;

/**
 * Nodes at planar positions with directed edges {@code src[e] -> dst[e]}; every undirected edge is
 * present in both directions. Edge attributes are the relative displacement {@code x_dst - x_src}
 * and its length. Immutable.
 */
public final class StationGraph {
    private final double[] x;
    private final double[] y;
    private final int[] src;
    private final int[] dst;

    public StationGraph(double[] x, double[] y, int[] src, int[] dst) {
        if (x.length != y.length || src.length != dst.length) {
            throw new IllegalArgumentException("inconsistent graph arrays");
        }
        for (int e = 0; e < src.length; e++) {
            if (src[e] < 0 || src[e] >= x.length || dst[e] < 0 || dst[e] >= x.length) {
                throw new IllegalArgumentException("edge " + e + " points outside the graph");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.src = src.clone();
        this.dst = dst.clone();
    }

    public int nodes() {
        return x.length;
    }

    public int edges() {
        return src.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public int src(int e) {
        return src[e];
    }

    public int dst(int e) {
        return dst[e];
    }

    public int[] srcArray() {
        return src.clone();
    }

    public int[] dstArray() {
        return dst.clone();
    }

    public double dx(int e) {
        return x[dst[e]] - x[src[e]];
    }

    public double dy(int e) {
        return y[dst[e]] - y[src[e]];
    }

    public double length(int e) {
        return Math.hypot(dx(e), dy(e));
    }

    /** The mean edge length: the graph's natural length scale. */
    public double meanEdgeLength() {
        double s = 0;
        for (int e = 0; e < src.length; e++) {
            s += length(e);
        }
        return src.length == 0 ? 1.0 : s / src.length;
    }

    /** Node degrees counting edges into each node. */
    public int[] inDegree() {
        int[] d = new int[x.length];
        for (int v : dst) {
            d[v]++;
        }
        return d;
    }

    /**
     * The disjoint union of {@code copies} copies of this graph (a training batch): node i of copy
     * c becomes {@code c * nodes() + i}.
     */
    public StationGraph replicate(int copies) {
        int n = nodes();
        int m = edges();
        double[] rx = new double[n * copies];
        double[] ry = new double[n * copies];
        int[] rs = new int[m * copies];
        int[] rd = new int[m * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(x, 0, rx, c * n, n);
            System.arraycopy(y, 0, ry, c * n, n);
            for (int e = 0; e < m; e++) {
                rs[c * m + e] = src[e] + c * n;
                rd[c * m + e] = dst[e] + c * n;
            }
        }
        return new StationGraph(rx, ry, rs, rd);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StationGraph g
                && Arrays.equals(x, g.x)
                && Arrays.equals(y, g.y)
                && Arrays.equals(src, g.src)
                && Arrays.equals(dst, g.dst);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(src) * 31 + Arrays.hashCode(x);
    }
}
