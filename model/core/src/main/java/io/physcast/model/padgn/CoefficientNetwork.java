package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Linear;
import io.physcast.model.nn.Mlp;
import io.physcast.model.nn.ParamSet;

/**
 * The graph network inside the Spatial Difference Layer that outputs per-edge coefficients (PA-DGN
 * section 2.3): an edge block, a node block and an edge block, each a two-layer ReLU MLP of width
 * {@code hidden}, fed with the node values, node positions and edge geometry. Output: E x out.
 *
 * <p>The second edge block reads {@code [v_src, v_dst, e]}; its first layer is computed as {@code
 * (v Ws)[src] + (v Wd)[dst] + e We + b} with the row blocks of its one weight matrix, projecting
 * node features once per node instead of once per edge (as {@link RecurrentGnBlock} does).
 */
public final class CoefficientNetwork {
    private final Mlp edge1;
    private final Mlp node1;
    private final Mlp edge2;

    private final int hidden;

    public CoefficientNetwork(ParamSet ps, String name, int hidden, int out) {
        this.hidden = hidden;
        edge1 = new Mlp(ps, name + ".edge1", 1 + 1 + 2 + 2 + 3, hidden, hidden);
        node1 = new Mlp(ps, name + ".node1", 1 + 2 + hidden, hidden, hidden);
        // zero last layer: a fresh SDL is exactly the fixed operator it generalises
        edge2 = new Mlp(ps, name + ".edge2", 3 * hidden, hidden, out).zeroLastLayer();
    }

    /**
     * @param f node values (N x 1)
     * @return per-edge outputs (E x out)
     */
    public Var apply(Tape t, GraphInputs g, Var f) {
        Var pos = t.fixed(g.positions);
        Var fs = t.gatherRows(f, g.src);
        Var fd = t.gatherRows(f, g.dst);
        Var ps = t.gatherRows(pos, g.src);
        Var pd = t.gatherRows(pos, g.dst);
        Var e1 = t.relu(edge1.apply(t, t.concatCols(fs, fd, ps, pd, t.fixed(g.edgeGeometry))));
        Var agg = t.scatterAddRows(e1, g.dst, g.nodes);
        Var v1 = t.relu(node1.apply(t, t.concatCols(f, pos, agg)));
        Linear in = edge2.firstLayer();
        Var fromNodes =
                t.addGatheredRows(
                        t.gatherRows(in.applyToColumns(t, v1, 0, hidden), g.src),
                        in.applyToColumns(t, v1, hidden, 2 * hidden),
                        g.dst);
        Var fromEdges = in.applyToColumns(t, e1, 2 * hidden, 3 * hidden);
        return edge2.applyAfterFirstLayer(t, in.addBias(t, t.add(fromNodes, fromEdges)));
    }
}
