package io.physcast.model.meta;

import io.physcast.model.graph.StationGraph;

/**
 * One meta-train task (PiMetaL Algorithm 1): a field sampled on a support graph and, separately, on
 * a query graph; each node labelled with the field's exact gradient components and Laplacian.
 */
public record MetaTask(Sample support, Sample query, int maxWave, int k) {
    /**
     * @param values field values at the nodes
     * @param labels {@code [node][3]}: d/dx, d/dy, Laplacian
     */
    public record Sample(StationGraph graph, float[] values, float[][] labels) {
        public int nodes() {
            return values.length;
        }
    }
}
