package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.ParamSet;

/**
 * Spatial Difference Layer (PA-DGN, Eq. 1-2): learned finite differences on an irregular graph.
 * With coefficients from a {@link CoefficientNetwork} per order and messages src -> dst:
 *
 * <pre>
 *   gradient on edge (i -> j):  g_ij = a_ij * (f_j - b_ij * f_i)                  E x S
 *   Laplacian at node j:        L_j  = sum_{i -> j} a'_ij * (f_j - b'_ij * f_i)   N x S
 * </pre>
 *
 * b is parameterised as {@code 1 + output} so that a freshly initialised layer starts near the
 * plain graph difference (a = 1, b = 1 is StandardOP's edge difference).
 */
public final class SpatialDifferenceLayer {
    private final CoefficientNetwork gradientCoefficients;
    private final CoefficientNetwork laplacianCoefficients;
    private final int channels;

    public SpatialDifferenceLayer(ParamSet ps, String name, int hidden, int channels) {
        this.channels = channels;
        gradientCoefficients = new CoefficientNetwork(ps, name + ".grad", hidden, 2 * channels);
        laplacianCoefficients = new CoefficientNetwork(ps, name + ".lap", hidden, 2 * channels);
    }

    public int channels() {
        return channels;
    }

    /** Learned gradients on edges, E x S. */
    public Var gradient(Tape t, GraphInputs g, Var f) {
        return difference(t, g, f, gradientCoefficients.apply(t, g, f));
    }

    /** Learned Laplacians at nodes, N x S. */
    public Var laplacian(Tape t, GraphInputs g, Var f) {
        Var perEdge = difference(t, g, f, laplacianCoefficients.apply(t, g, f));
        return t.scatterAddRows(perEdge, g.dst, g.nodes);
    }

    /** {@code a * (f_dst - (1 + b') * f_src)} for coefficients {@code [a | b']} (E x 2S). */
    private Var difference(Tape t, GraphInputs g, Var f, Var coefficients) {
        Var a = t.sliceCols(coefficients, 0, channels);
        Var bRaw = t.sliceCols(coefficients, channels, 2 * channels);
        Var fs = t.gatherRows(f, g.src);
        Var fd = t.repeatColumn(t.gatherRows(f, g.dst), channels);
        Var bfs = t.add(t.mulColumn(bRaw, fs), t.repeatColumn(fs, channels));
        return t.mul(a, t.sub(fd, bfs));
    }
}
