package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.physcast.model.graph.DelaunayTriangulation;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.operators.DifferenceOperators;
import io.physcast.model.operators.MeshOperators;
import io.physcast.model.operators.StandardOperators;
import org.junit.jupiter.api.Test;

class DifferenceOperatorsTest {
    private static final double[][] P = TestGraphs.uniformPoints(200, 2 * Math.PI, 4);

    private static double[] field(java.util.function.DoubleBinaryOperator f) {
        double[] v = new double[P[0].length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(P[0][i], P[1][i]);
        }
        return v;
    }

    @Test
    void standardGradientIsExactForLinearFields() {
        StationGraph g = new io.physcast.model.graph.KnnGraphBuilder(4).build(P[0], P[1]);
        assertGradient(new StandardOperators(g), 2.5, -1.5);
    }

    @Test
    void meshGradientIsExactForLinearFields() {
        assertGradient(new MeshOperators(DelaunayTriangulation.of(P[0], P[1])), -0.7, 3.0);
    }

    @Test
    void laplacianOfConstantIsZero() {
        StationGraph g = new io.physcast.model.graph.KnnGraphBuilder(4).build(P[0], P[1]);
        double[] c = field((x, y) -> 3.0);
        for (DifferenceOperators ops :
                new DifferenceOperators[] {
                    new StandardOperators(g),
                    new MeshOperators(DelaunayTriangulation.of(P[0], P[1]))
                }) {
            for (double v : ops.laplacian().apply(c)) {
                assertEquals(0, v, 1e-9);
            }
        }
    }

    @Test
    void cotangentLaplacianIsExactForLinearAndNearFourForQuadraticAtInteriorNodes() {
        MeshOperators ops = new MeshOperators(DelaunayTriangulation.of(P[0], P[1]));
        double[] lin = ops.laplacian().apply(field((x, y) -> 2 * x - y));
        double[] quad = ops.laplacian().apply(field((x, y) -> x * x + y * y));
        double sum = 0;
        int count = 0;
        for (int i = 0; i < lin.length; i++) {
            if (interior(i)) {
                assertEquals(0, lin[i], 1e-8);
                sum += quad[i];
                count++;
            }
        }
        assertEquals(4.0, sum / count, 0.4); // mean over interior nodes; single nodes scatter
    }

    private static boolean interior(int i) {
        double m = 1.2;
        return P[0][i] > m && P[0][i] < 2 * Math.PI - m && P[1][i] > m && P[1][i] < 2 * Math.PI - m;
    }

    private static void assertGradient(DifferenceOperators ops, double a, double b) {
        double[] f = field((x, y) -> a * x + b * y + 1);
        double[] gx = ops.gradX().apply(f);
        double[] gy = ops.gradY().apply(f);
        for (int i = 0; i < f.length; i++) {
            assertEquals(a, gx[i], 1e-8);
            assertEquals(b, gy[i], 1e-8);
        }
    }
}
