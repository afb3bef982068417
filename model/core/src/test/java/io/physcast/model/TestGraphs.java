package io.physcast.model;

import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.graph.StationGraph;
import java.util.SplittableRandom;

/** Seeded random point sets and their k-NN graphs for tests. */
public final class TestGraphs {
    private TestGraphs() {}

    public static double[][] uniformPoints(int n, double side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * side;
            y[i] = r.nextDouble() * side;
        }
        return new double[][] {x, y};
    }

    public static StationGraph knn(int n, long seed) {
        double[][] p = uniformPoints(n, 2 * Math.PI, seed);
        return new KnnGraphBuilder(4).build(p[0], p[1]);
    }
}
