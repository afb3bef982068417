package io.physcast.model.operators;

import io.physcast.model.graph.StationGraph;

/**
 * StandardOP: the plain graph difference operators. Gradient on edge (i -> j) is {@code f_j - f_i};
 * at a node it is the least-squares fit of those differences to the edge displacements (exact for
 * linear fields); the Laplacian is the graph Laplacian {@code sum_j (f_j - f_i)} scaled by the
 * inverse squared mean edge length so that its magnitude is comparable across graphs.
 */
public final class StandardOperators implements DifferenceOperators {
    private final SparseOperator gx;
    private final SparseOperator gy;
    private final SparseOperator lap;

    public StandardOperators(StationGraph g) {
        int n = g.nodes();
        // per node: normal equations of min sum_e (grad . d_e - (f_j - f_i))^2 over edges i -> j
        double[] sxx = new double[n], sxy = new double[n], syy = new double[n];
        for (int e = 0; e < g.edges(); e++) {
            int i = g.src(e);
            sxx[i] += g.dx(e) * g.dx(e);
            sxy[i] += g.dx(e) * g.dy(e);
            syy[i] += g.dy(e) * g.dy(e);
        }
        SparseOperator.Builder bx = new SparseOperator.Builder(n);
        SparseOperator.Builder by = new SparseOperator.Builder(n);
        SparseOperator.Builder bl = new SparseOperator.Builder(n);
        double h = g.meanEdgeLength();
        for (int e = 0; e < g.edges(); e++) {
            int i = g.src(e);
            int j = g.dst(e);
            double det = sxx[i] * syy[i] - sxy[i] * sxy[i];
            if (Math.abs(det) > 1e-12 * (sxx[i] + syy[i]) * (sxx[i] + syy[i])) {
                // grad = M^-1 sum_e d_e (f_j - f_i)
                double wx = (syy[i] * g.dx(e) - sxy[i] * g.dy(e)) / det;
                double wy = (-sxy[i] * g.dx(e) + sxx[i] * g.dy(e)) / det;
                bx.add(i, j, wx).add(i, i, -wx);
                by.add(i, j, wy).add(i, i, -wy);
            }
            bl.add(i, j, 1 / (h * h)).add(i, i, -1 / (h * h));
        }
        gx = bx.build();
        gy = by.build();
        lap = bl.build();
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
