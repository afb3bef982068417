package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.graph.DelaunayTriangulation;
import io.physcast.model.graph.GeoProjection;
import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.graph.StationGraph;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphBuildersTest {
    @Test
    void knnGraphIsSymmetricAndContainsEveryNodesKNearest() {
        double[][] p = TestGraphs.uniformPoints(300, 10, 1);
        StationGraph g = new KnnGraphBuilder(4).build(p[0], p[1]);
        Set<Long> edges = new HashSet<>();
        for (int e = 0; e < g.edges(); e++) {
            edges.add((long) g.src(e) << 32 | g.dst(e));
        }
        for (int e = 0; e < g.edges(); e++) {
            assertTrue(edges.contains((long) g.dst(e) << 32 | g.src(e)), "reverse edge missing");
        }
        // brute force: each node's 4 nearest must be neighbours
        for (int i = 0; i < 300; i++) {
            Integer[] order = new Integer[300];
            for (int j = 0; j < 300; j++) {
                order[j] = j;
            }
            final int ii = i;
            java.util.Arrays.sort(
                    order,
                    (a, b) ->
                            Double.compare(
                                    Math.hypot(p[0][a] - p[0][ii], p[1][a] - p[1][ii]),
                                    Math.hypot(p[0][b] - p[0][ii], p[1][b] - p[1][ii])));
            for (int r = 1; r <= 4; r++) {
                assertTrue(edges.contains((long) i << 32 | order[r]), "node " + i + " rank " + r);
            }
        }
    }

    @Test
    void knnGraphIsDeterministic() {
        double[][] p = TestGraphs.uniformPoints(200, 5, 2);
        assertEquals(
                new KnnGraphBuilder(4).build(p[0], p[1]), new KnnGraphBuilder(4).build(p[0], p[1]));
    }

    @Test
    void delaunayTrianglesHaveEmptyCircumcircles() {
        double[][] p = TestGraphs.uniformPoints(150, 1, 3);
        DelaunayTriangulation d = DelaunayTriangulation.of(p[0], p[1]);
        assertFalse(d.triangles().isEmpty());
        for (int[] t : d.triangles()) {
            double[] c = circumcentre(p, t);
            double r = Math.hypot(p[0][t[0]] - c[0], p[1][t[0]] - c[1]);
            for (int q = 0; q < 150; q++) {
                if (q != t[0] && q != t[1] && q != t[2]) {
                    assertTrue(Math.hypot(p[0][q] - c[0], p[1][q] - c[1]) >= r - 1e-9);
                }
            }
        }
        // Euler: a triangulation of n points with h on the hull has 2n - 2 - h triangles
        assertTrue(d.triangles().size() > 150 && d.triangles().size() < 2 * 150);
    }

    @Test
    void projectionRejectsImpossibleCoordinatesAndMeasuresKilometres() {
        assertThrows(IllegalArgumentException.class, () -> new GeoProjection(91, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeoProjection(0, Double.NaN));
        GeoProjection p = new GeoProjection(53, -8);
        double[] oneDegreeNorth = p.project(54, -8);
        assertEquals(111.19, oneDegreeNorth[1], 0.05);
        assertEquals(0, oneDegreeNorth[0], 1e-9);
    }

    private static double[] circumcentre(double[][] p, int[] t) {
        double ax = p[0][t[0]], ay = p[1][t[0]];
        double bx = p[0][t[1]], by = p[1][t[1]];
        double cx = p[0][t[2]], cy = p[1][t[2]];
        double d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
        double ux =
                ((ax * ax + ay * ay) * (by - cy)
                                + (bx * bx + by * by) * (cy - ay)
                                + (cx * cx + cy * cy) * (ay - by))
                        / d;
        double uy =
                ((ax * ax + ay * ay) * (cx - bx)
                                + (bx * bx + by * by) * (ax - cx)
                                + (cx * cx + cy * cy) * (bx - ax))
                        / d;
        return new double[] {ux, uy};
    }
}
