package io.physcast.model.padgn;

import io.physcast.model.graph.DelaunayTriangulation;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.operators.DifferenceOperators;
import io.physcast.model.operators.MeshOperators;
import io.physcast.model.operators.SparseOperator;
import io.physcast.model.operators.StandardOperators;
import io.physcast.model.tensor.Tensor;

/**
 * Everything about one graph that the networks read and that does not change between frames: edge
 * index arrays, node positions and edge geometry scaled by the mean edge length (so models transfer
 * across networks of different size), and the fixed difference operators. The one place where a
 * graph becomes tensors. Built once per graph (the streaming job rebuilds it only when the station
 * set changes).
 */
public final class GraphInputs {
    public final int nodes;
    public final int edges;
    public final int[] src;
    public final int[] dst;

    /** N x 2: positions centred and divided by the mean edge length times sqrt(N). */
    public final Tensor positions;

    /** E x 3: (dx, dy, length) divided by the mean edge length. */
    public final Tensor edgeGeometry;

    /** E x 1: mean edge length / edge length, and its square (the fixed operators' scales). */
    public final Tensor inverseLength;

    public final Tensor inverseLengthSquared;

    /** The mean edge length in the graph's own units (km for stations). */
    public final double lengthScale;

    private final StationGraph graph;
    private final int copies;
    private OperatorSet standard;
    private OperatorSet mesh;

    /** The fixed operators as node-level maps: gradient x, gradient y, Laplacian. */
    public record OperatorSet(SparseOperator gx, SparseOperator gy, SparseOperator lap) {
        static OperatorSet of(DifferenceOperators ops) {
            return new OperatorSet(ops.gradX(), ops.gradY(), ops.laplacian());
        }

        OperatorSet replicate(int copies, int n) {
            return new OperatorSet(
                    gx.replicate(copies, n), gy.replicate(copies, n), lap.replicate(copies, n));
        }
    }

    public GraphInputs(StationGraph graph) {
        this(graph, 1, null, null);
    }

    private GraphInputs(StationGraph base, int copies, OperatorSet standard, OperatorSet mesh) {
        this.graph = base;
        this.copies = copies;
        this.standard = standard;
        this.mesh = mesh;
        StationGraph g = copies == 1 ? base : base.replicate(copies);
        this.nodes = g.nodes();
        this.edges = g.edges();
        this.src = g.srcArray();
        this.dst = g.dstArray();
        double h = base.meanEdgeLength();
        double cx = 0, cy = 0;
        for (int i = 0; i < base.nodes(); i++) {
            cx += base.x(i) / base.nodes();
            cy += base.y(i) / base.nodes();
        }
        double span = h * Math.sqrt(Math.max(base.nodes(), 1));
        float[] pos = new float[nodes * 2];
        for (int i = 0; i < nodes; i++) {
            pos[2 * i] = (float) ((g.x(i) - cx) / span);
            pos[2 * i + 1] = (float) ((g.y(i) - cy) / span);
        }
        this.positions = new Tensor(nodes, 2, pos);
        float[] geo = new float[edges * 3];
        for (int e = 0; e < edges; e++) {
            geo[3 * e] = (float) (g.dx(e) / h);
            geo[3 * e + 1] = (float) (g.dy(e) / h);
            geo[3 * e + 2] = (float) (g.length(e) / h);
        }
        this.edgeGeometry = new Tensor(edges, 3, geo);
        float[] inv = new float[edges];
        float[] inv2 = new float[edges];
        for (int e = 0; e < edges; e++) {
            inv[e] = 1f / Math.max(geo[3 * e + 2], 1e-6f);
            inv2[e] = inv[e] * inv[e];
        }
        this.inverseLength = Tensor.column(inv);
        this.inverseLengthSquared = Tensor.column(inv2);
        this.lengthScale = h;
    }

    public StationGraph graph() {
        return graph;
    }

    /** The disjoint union of {@code copies} copies: a training batch. */
    public GraphInputs replicate(int copies) {
        return new GraphInputs(
                graph,
                this.copies * copies,
                standard == null ? null : standard.replicate(copies, nodes),
                mesh == null ? null : mesh.replicate(copies, nodes));
    }

    /** StandardOP, in units of the mean edge length. */
    public synchronized OperatorSet standardOperators() {
        if (standard == null) {
            standard = scaled(OperatorSet.of(new StandardOperators(graph)));
        }
        return standard;
    }

    /** MeshOP on the Delaunay triangulation of the nodes, in units of the mean edge length. */
    public synchronized OperatorSet meshOperators() {
        if (mesh == null) {
            double[] x = new double[graph.nodes()];
            double[] y = new double[graph.nodes()];
            for (int i = 0; i < x.length; i++) {
                x[i] = graph.x(i);
                y[i] = graph.y(i);
            }
            mesh = scaled(OperatorSet.of(new MeshOperators(DelaunayTriangulation.of(x, y))));
        }
        return mesh;
    }

    private OperatorSet scaled(OperatorSet base) {
        // operators were built in graph units; features are wanted per mean edge length
        double h = graph.meanEdgeLength();
        OperatorSet s =
                new OperatorSet(base.gx().scaled(h), base.gy().scaled(h), base.lap().scaled(h * h));
        return copies == 1 ? s : s.replicate(copies, graph.nodes());
    }
}
