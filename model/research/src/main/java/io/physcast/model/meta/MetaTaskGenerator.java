package io.physcast.model.meta;

import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.graph.StationGraph;
import java.util.SplittableRandom;

/**
 * Draws meta-train tasks that vary as PiMetaL's do (Fig. 2): the number of nodes (spatial
 * resolution), the edge density (k of the k-NN graph) and the fluctuation (largest wave number of
 * the field, hence the scale of its derivatives). Support and query sets sample the same field at
 * different points. Deterministic for a seed.
 */
public final class MetaTaskGenerator {
    private final int minNodes;
    private final int maxNodes;
    private final int[] ks;
    private final int[] waves;
    private final int modes;

    public MetaTaskGenerator(int minNodes, int maxNodes, int[] ks, int[] waves, int modes) {
        if (minNodes < 5 || maxNodes < minNodes) {
            throw new IllegalArgumentException("need 5 <= minNodes <= maxNodes");
        }
        this.minNodes = minNodes;
        this.maxNodes = maxNodes;
        this.ks = ks.clone();
        this.waves = waves.clone();
        this.modes = modes;
    }

    /** The paper-like defaults: 100-400 nodes, k in {3, 4, 5, 6}, waves up to 1, 2 or 3. */
    public static MetaTaskGenerator defaults() {
        return new MetaTaskGenerator(100, 400, new int[] {3, 4, 5, 6}, new int[] {1, 2, 3}, 6);
    }

    public MetaTask draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int wave = waves[r.nextInt(waves.length)];
        int k = ks[r.nextInt(ks.length)];
        FourierField f = new FourierField(modes, wave, r);
        MetaTask.Sample support = sample(f, r.nextInt(minNodes, maxNodes + 1), k, r);
        MetaTask.Sample query = sample(f, r.nextInt(minNodes, maxNodes + 1), k, r);
        return new MetaTask(support, query, wave, k);
    }

    static MetaTask.Sample sample(FourierField f, int n, int k, SplittableRandom r) {
        double[] x = new double[n];
        double[] y = new double[n];
        float[] v = new float[n];
        float[][] labels = new float[n][3];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 2 * Math.PI;
            y[i] = r.nextDouble() * 2 * Math.PI;
            v[i] = (float) f.value(x[i], y[i]);
            labels[i][0] = (float) f.dx(x[i], y[i]);
            labels[i][1] = (float) f.dy(x[i], y[i]);
            labels[i][2] = (float) f.laplacian(x[i], y[i]);
        }
        StationGraph g = new KnnGraphBuilder(Math.min(k, n - 1)).build(x, y);
        return new MetaTask.Sample(g, v, labels);
    }
}
