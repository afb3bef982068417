package io.physcast.model.operators;

import io.physcast.model.graph.DelaunayTriangulation;

/**
 * MeshOP: operators on a Delaunay triangulation. The Laplacian is the cotangent formula {@code (1 /
 * A_i) sum_j (cot a_ij + cot b_ij) / 2 (f_j - f_i)} with {@code A_i} one third of the area of the
 * triangles around i; the node gradient is the area-weighted mean of the (constant) gradients of
 * the linear interpolant on the incident triangles. Both are exact for linear fields (the Laplacian
 * at interior nodes).
 */
public final class MeshOperators implements DifferenceOperators {
    private final SparseOperator gx;
    private final SparseOperator gy;
    private final SparseOperator lap;

    public MeshOperators(DelaunayTriangulation mesh) {
        double[] x = mesh.xs();
        double[] y = mesh.ys();
        int n = x.length;
        double[] area = new double[n];
        for (int[] t : mesh.triangles()) {
            double a = triangleArea(x, y, t);
            for (int v : t) {
                area[v] += a / 3;
            }
        }
        double[] incidentArea = new double[n];
        for (int[] t : mesh.triangles()) {
            for (int v : t) {
                incidentArea[v] += triangleArea(x, y, t);
            }
        }
        SparseOperator.Builder bl = new SparseOperator.Builder(n);
        SparseOperator.Builder bx = new SparseOperator.Builder(n);
        SparseOperator.Builder by = new SparseOperator.Builder(n);
        for (int[] t : mesh.triangles()) {
            double a = triangleArea(x, y, t);
            for (int k = 0; k < 3; k++) {
                int i = t[k];
                int j = t[(k + 1) % 3];
                int o = t[(k + 2) % 3];
                // the angle at o faces the edge (i, j)
                double cot = cotangent(x, y, o, i, j);
                double w = cot / 2;
                if (area[i] > 0) {
                    bl.add(i, j, w / area[i]).add(i, i, -w / area[i]);
                }
                if (area[j] > 0) {
                    bl.add(j, i, w / area[j]).add(j, j, -w / area[j]);
                }
            }
            // gradient of the linear interpolant: sum_k f_k * grad(phi_k), grad(phi_k) =
            // perp(edge opposite k) / (2 A)
            for (int k = 0; k < 3; k++) {
                int v = t[k];
                int p = t[(k + 1) % 3];
                int q = t[(k + 2) % 3];
                double phx = -(y[q] - y[p]) / (2 * a);
                double phy = (x[q] - x[p]) / (2 * a);
                for (int node : t) {
                    double wgt = a / incidentArea[node];
                    bx.add(node, v, wgt * phx);
                    by.add(node, v, wgt * phy);
                }
            }
        }
        lap = bl.build();
        gx = bx.build();
        gy = by.build();
    }

    private static double triangleArea(double[] x, double[] y, int[] t) {
        return Math.abs(
                        (x[t[1]] - x[t[0]]) * (y[t[2]] - y[t[0]])
                                - (x[t[2]] - x[t[0]]) * (y[t[1]] - y[t[0]]))
                / 2;
    }

    private static double cotangent(double[] x, double[] y, int o, int i, int j) {
        double ux = x[i] - x[o], uy = y[i] - y[o];
        double vx = x[j] - x[o], vy = y[j] - y[o];
        double cross = Math.abs(ux * vy - uy * vx);
        return cross < 1e-15 ? 0 : (ux * vx + uy * vy) / cross;
    }

    @Override
    public SparseOperator gradX() {
        return gx;
    }

    @Override
    public SparseOperator gradY() {
        return gy;
    }

    @Override
    public SparseOperator laplacian() {
        return lap;
    }
}
