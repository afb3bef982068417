package io.physcast.model.graph;

import java.util.Arrays;

/**
 * k-nearest-neighbour graph by Euclidean distance, symmetrised: an edge exists if either endpoint
 * chose the other ({@code A = (A_k + A_k^T)/2} made binary), in both directions. Ties break by node
 * index so the graph is deterministic. A uniform grid index keeps it near O(N k) for large N.
 */
public final class KnnGraphBuilder {
    private final int k;

    public KnnGraphBuilder(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
    }

    public StationGraph build(double[] x, double[] y) {
        int n = x.length;
        EdgeSet edges = new EdgeSet();
        if (n < 2) {
            return edges.toGraph(x, y);
        }
        int kk = Math.min(k, n - 1);
        SpatialGrid grid = new SpatialGrid(x, y, kk);
        for (int i = 0; i < n; i++) {
            for (int j : grid.nearest(i, kk)) {
                edges.add(i, j);
            }
        }
        return edges.toGraph(x, y);
    }

    /** Buckets points in square cells of about k points each and searches rings of cells. */
    private static final class SpatialGrid {
        private final double[] x;
        private final double[] y;
        private final double minX;
        private final double minY;
        private final double cell;
        private final int cols;
        private final int rows;
        private final int[][] buckets;

        SpatialGrid(double[] x, double[] y, int k) {
            this.x = x;
            this.y = y;
            double mx = Double.MAX_VALUE, my = Double.MAX_VALUE;
            double xx = -Double.MAX_VALUE, xy = -Double.MAX_VALUE;
            for (int i = 0; i < x.length; i++) {
                mx = Math.min(mx, x[i]);
                my = Math.min(my, y[i]);
                xx = Math.max(xx, x[i]);
                xy = Math.max(xy, y[i]);
            }
            minX = mx;
            minY = my;
            double area = Math.max((xx - mx) * (xy - my), 1e-12);
            double c = Math.sqrt(area * Math.max(k, 2) / x.length);
            cell = c > 0 ? c : 1.0;
            cols = (int) Math.min(4096, Math.floor((xx - mx) / cell) + 1);
            rows = (int) Math.min(4096, Math.floor((xy - my) / cell) + 1);
            int[] counts = new int[cols * rows];
            int[] cellOf = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                cellOf[i] = cellIndex(i);
                counts[cellOf[i]]++;
            }
            buckets = new int[cols * rows][];
            for (int c2 = 0; c2 < buckets.length; c2++) {
                buckets[c2] = new int[counts[c2]];
            }
            int[] fill = new int[cols * rows];
            for (int i = 0; i < x.length; i++) {
                buckets[cellOf[i]][fill[cellOf[i]]++] = i;
            }
        }

        private int cx(double v) {
            return (int) Math.min(cols - 1, Math.max(0, Math.floor((v - minX) / cell)));
        }

        private int cy(double v) {
            return (int) Math.min(rows - 1, Math.max(0, Math.floor((v - minY) / cell)));
        }

        private int cellIndex(int i) {
            return cy(y[i]) * cols + cx(x[i]);
        }

        int[] nearest(int i, int k) {
            int ci = cx(x[i]);
            int cj = cy(y[i]);
            double[] bestD = new double[k];
            int[] best = new int[k];
            Arrays.fill(bestD, Double.MAX_VALUE);
            Arrays.fill(best, Integer.MAX_VALUE);
            for (int ring = 0; ; ring++) {
                for (int r = cj - ring; r <= cj + ring; r++) {
                    for (int c = ci - ring; c <= ci + ring; c++) {
                        boolean onRing = Math.abs(r - cj) == ring || Math.abs(c - ci) == ring;
                        if (!onRing || r < 0 || c < 0 || r >= rows || c >= cols) {
                            continue;
                        }
                        for (int j : buckets[r * cols + c]) {
                            if (j != i) {
                                offer(j, dist2(i, j), best, bestD);
                            }
                        }
                    }
                }
                // every point outside the searched rings is at least ring * cell away
                double reach = ring * cell;
                boolean full = bestD[k - 1] < Double.MAX_VALUE;
                boolean exhausted = ring > Math.max(cols, rows);
                if ((full && bestD[k - 1] <= reach * reach) || exhausted) {
                    return best;
                }
            }
        }

        private double dist2(int i, int j) {
            double dx = x[i] - x[j];
            double dy = y[i] - y[j];
            return dx * dx + dy * dy;
        }

        private static void offer(int j, double d, int[] best, double[] bestD) {
            int k = best.length;
            if (d > bestD[k - 1] || (d == bestD[k - 1] && j > best[k - 1])) {
                return;
            }
            int p = k - 1;
            while (p > 0 && (bestD[p - 1] > d || (bestD[p - 1] == d && best[p - 1] > j))) {
                bestD[p] = bestD[p - 1];
                best[p] = best[p - 1];
                p--;
            }
            bestD[p] = d;
            best[p] = j;
        }
    }
}
