package io.physcast.model.graph;

import java.util.TreeSet;

/** Collects undirected edges and emits them in both directions, sorted (deterministic order). */
final class EdgeSet {
    private final TreeSet<Long> pairs = new TreeSet<>();

    void add(int a, int b) {
        if (a == b) {
            return;
        }
        pairs.add(((long) Math.min(a, b) << 32) | Math.max(a, b));
    }

    StationGraph toGraph(double[] x, double[] y) {
        int m = pairs.size();
        long[] directed = new long[2 * m];
        int k = 0;
        for (long p : pairs) {
            int a = (int) (p >>> 32);
            int b = (int) (p & 0xffffffffL);
            directed[k++] = ((long) a << 32) | b;
            directed[k++] = ((long) b << 32) | a;
        }
        java.util.Arrays.sort(directed);
        int[] src = new int[2 * m];
        int[] dst = new int[2 * m];
        for (int e = 0; e < directed.length; e++) {
            src[e] = (int) (directed[e] >>> 32);
            dst[e] = (int) (directed[e] & 0xffffffffL);
        }
        return new StationGraph(x, y, src, dst);
    }
}
