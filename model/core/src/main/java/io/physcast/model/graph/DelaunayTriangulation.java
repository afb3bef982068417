package io.physcast.model.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delaunay triangulation by Bowyer-Watson insertion (O(N^2) worst case, fine for station networks
 * of a few thousand nodes). Triangles are counter-clockwise index triples. Used for the MeshOP
 * baseline (cotangent Laplacian) and as the alternative to the k-NN graph.
 */
public final class DelaunayTriangulation {
    private final double[] x;
    private final double[] y;
    private final List<int[]> triangles;

    private DelaunayTriangulation(double[] x, double[] y, List<int[]> triangles) {
        this.x = x;
        this.y = y;
        this.triangles = triangles;
    }

    public static DelaunayTriangulation of(double[] x, double[] y) {
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("a triangulation needs at least 3 points, got " + n);
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            minY = Math.min(minY, y[i]);
            maxX = Math.max(maxX, x[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double span = Math.max(maxX - minX, maxY - minY) + 1e-9;
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        // points n, n+1, n+2 form a super-triangle enclosing everything
        double[] px = new double[n + 3];
        double[] py = new double[n + 3];
        System.arraycopy(x, 0, px, 0, n);
        System.arraycopy(y, 0, py, 0, n);
        px[n] = cx - 20 * span;
        py[n] = cy - 10 * span;
        px[n + 1] = cx + 20 * span;
        py[n + 1] = cy - 10 * span;
        px[n + 2] = cx;
        py[n + 2] = cy + 20 * span;
        List<int[]> tris = new ArrayList<>();
        tris.add(new int[] {n, n + 1, n + 2});
        for (int p = 0; p < n; p++) {
            Map<Long, int[]> boundary = new HashMap<>();
            List<int[]> keep = new ArrayList<>(tris.size());
            for (int[] t : tris) {
                if (inCircumcircle(px, py, t, px[p], py[p])) {
                    for (int e = 0; e < 3; e++) {
                        int a = t[e];
                        int b = t[(e + 1) % 3];
                        long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
                        if (boundary.remove(key) == null) {
                            boundary.put(key, new int[] {a, b});
                        }
                    }
                } else {
                    keep.add(t);
                }
            }
            for (int[] e : boundary.values()) {
                keep.add(ccw(px, py, new int[] {e[0], e[1], p}));
            }
            tris = keep;
        }
        List<int[]> result = new ArrayList<>();
        for (int[] t : tris) {
            if (t[0] < n && t[1] < n && t[2] < n && area2(px, py, t) > 1e-12 * span * span) {
                result.add(t);
            }
        }
        result.sort(
                (a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] != b[1] ? a[1] - b[1] : a[2] - b[2]);
        return new DelaunayTriangulation(x.clone(), y.clone(), result);
    }

    private static int[] ccw(double[] px, double[] py, int[] t) {
        if (area2(px, py, t) < 0) {
            return new int[] {t[0], t[2], t[1]};
        }
        return t;
    }

    static double area2(double[] px, double[] py, int[] t) {
        return (px[t[1]] - px[t[0]]) * (py[t[2]] - py[t[0]])
                - (px[t[2]] - px[t[0]]) * (py[t[1]] - py[t[0]]);
    }

    private static boolean inCircumcircle(double[] px, double[] py, int[] t, double qx, double qy) {
        double ax = px[t[0]] - qx, ay = py[t[0]] - qy;
        double bx = px[t[1]] - qx, by = py[t[1]] - qy;
        double cx = px[t[2]] - qx, cy = py[t[2]] - qy;
        double det =
                (ax * ax + ay * ay) * (bx * cy - cx * by)
                        - (bx * bx + by * by) * (ax * cy - cx * ay)
                        + (cx * cx + cy * cy) * (ax * by - bx * ay);
        return det > 0; // t is counter-clockwise
    }

    public List<int[]> triangles() {
        return triangles;
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    /** The mesh edges as a graph (both directions). */
    public StationGraph toGraph() {
        EdgeSet edges = new EdgeSet();
        for (int[] t : triangles) {
            edges.add(t[0], t[1]);
            edges.add(t[1], t[2]);
            edges.add(t[2], t[0]);
        }
        return edges.toGraph(x, y);
    }
}
