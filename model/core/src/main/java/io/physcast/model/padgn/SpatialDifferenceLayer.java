package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.tensor.Tensor;

/**
 * Spatial Difference Layer (PA-DGN, Eq. 1-2): learned finite differences on an irregular graph.
 * With coefficients from a {@link CoefficientNetwork} per order and messages src -> dst:
 *
 * <pre>
 *   gradient on edge (i -> j):  g_ij = a_ij * (f_j - b_ij * f_i)                  E x S
 *   Laplacian at node j:        L_j  = sum_{i -> j} a'_ij * (f_j - b'_ij * f_i)   N x S
 * </pre>
 *
 * The coefficients are parameterised around the fixed operators: {@code b = 1 + output} and {@code
 * a = (1 + output) / l} for the gradient, {@code (1 + output) / l^2} for the Laplacian, with l the
 * edge length in mean-edge units. A fresh layer therefore starts at the finite difference (FinGrad)
 * and the distance-weighted graph Laplacian, and learning adds corrections; the form {@code a (f_j
 * - b f_i)} with free per-edge a and b is unchanged.
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
        return gradient(t, g, f, f);
    }

    /**
     * Learned gradients of {@code f} with coefficients computed from {@code coefficientInput} (a
     * standardised copy of f when f itself is not normalised).
     */
    public Var gradient(Tape t, GraphInputs g, Var f, Var coefficientInput) {
        return difference(
                t, g, f, gradientCoefficients.apply(t, g, coefficientInput), g.inverseLength);
    }

    /** Learned Laplacians at nodes, N x S. */
    public Var laplacian(Tape t, GraphInputs g, Var f) {
        Var perEdge =
                difference(t, g, f, laplacianCoefficients.apply(t, g, f), g.inverseLengthSquared);
        return t.scatterAddRows(perEdge, g.dst, g.nodes);
    }

    /**
     * {@code (1 + a') * scale * (f_dst - (1 + b') * f_src)} for coefficients {@code [a' | b']} (E x
     * 2S) and a per-edge scale (E x 1).
     */
    private Var difference(Tape t, GraphInputs g, Var f, Var coefficients, Tensor edgeScale) {
        Var scale = t.fixed(edgeScale);
        Var aRaw = t.sliceCols(coefficients, 0, channels);
        Var a = t.add(t.mulColumn(aRaw, scale), t.repeatColumn(scale, channels));
        Var bRaw = t.sliceCols(coefficients, channels, 2 * channels);
        Var fs = t.gatherRows(f, g.src);
        Var fd = t.repeatColumn(t.gatherRows(f, g.dst), channels);
        Var bfs = t.add(t.mulColumn(bRaw, fs), t.repeatColumn(fs, channels));
        return t.mul(a, t.sub(fd, bfs));
    }
}
