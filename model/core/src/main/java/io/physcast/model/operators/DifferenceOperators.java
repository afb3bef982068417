package io.physcast.model.operators;

/**
 * Fixed spatial difference operators on a graph, as node-level features: the gradient components
 * and the Laplacian at every node. The fixed baselines of PA-DGN (section 2.1 and 2.2 of the paper)
 * feed these to the same predictor that SDL feeds its learned features to.
 */
public interface DifferenceOperators {
    /** d/dx at nodes. */
    SparseOperator gradX();

    /** d/dy at nodes. */
    SparseOperator gradY();

    /** Laplacian at nodes. */
    SparseOperator laplacian();

    /** Features per node for a frame: {@code [fx, fy, lap]} (N x 3, row-major). */
    default float[] features(float[] f) {
        float[] gx = gradX().apply(f);
        float[] gy = gradY().apply(f);
        float[] lap = laplacian().apply(f);
        float[] out = new float[f.length * 3];
        for (int i = 0; i < f.length; i++) {
            out[3 * i] = gx[i];
            out[3 * i + 1] = gy[i];
            out[3 * i + 2] = lap[i];
        }
        return out;
    }
}
