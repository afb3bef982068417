package io.physcast.model.meta;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.graph.StationGraph;
import io.physcast.model.nn.Linear;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.SpatialDifferenceLayer;
import io.physcast.model.tensor.Tensor;

/**
 * The spatial module PiMetaL meta-initialises, with the auxiliary readout that supervises it: the
 * same {@link SpatialDifferenceLayer} as PA-DGN's (parameter names {@code sdl.*}, so its values
 * carry over to a PA-DGN by name), followed by a linear readout ({@code aux.*}) from [edge
 * gradients averaged onto their sender along x and y, node Laplacians] to each node's (d/dx, d/dy,
 * Laplacian). Lengths are in mean-edge units, values standardised per sample, and the labels scaled
 * the same way, so one module fits graphs of any density and fields of any amplitude.
 */
public final class SpatialDerivativeModel {
    private final ParamSet params;
    private final SpatialDifferenceLayer sdl;
    private final Linear readout;
    private final int channels;

    public SpatialDerivativeModel(int hidden, long seed) {
        this(hidden, ModelCatalog.SDL_CHANNELS, seed);
    }

    public SpatialDerivativeModel(int hidden, int channels, long seed) {
        this.params = new ParamSet(seed);
        this.channels = channels;
        this.sdl = new SpatialDifferenceLayer(params, "sdl", hidden, channels);
        // zero weights: a fresh readout predicts 0, so early inner steps cannot blow up
        this.readout = new Linear(params, "aux.readout", 3 * channels, 3).zeroWeights();
    }

    public ParamSet params() {
        return params;
    }

    /** A sample made ready for the network: graph inputs, standardised values, scaled labels. */
    public record Prepared(
            GraphInputs graph, Tensor values, Tensor labels, Tensor ux, Tensor uy, Tensor invOut) {}

    public static Prepared prepare(MetaTask.Sample s) {
        StationGraph g = s.graph();
        GraphInputs in = new GraphInputs(g);
        int n = s.nodes();
        double mean = 0;
        for (float v : s.values()) {
            mean += v / n;
        }
        double var = 0;
        for (float v : s.values()) {
            var += (v - mean) * (v - mean) / n;
        }
        double sd = Math.sqrt(var + 1e-12);
        float[] z = new float[n];
        float[] lab = new float[n * 3];
        double h = in.lengthScale;
        for (int i = 0; i < n; i++) {
            z[i] = (float) ((s.values()[i] - mean) / sd);
            lab[3 * i] = (float) (s.labels()[i][0] * h / sd);
            lab[3 * i + 1] = (float) (s.labels()[i][1] * h / sd);
            lab[3 * i + 2] = (float) (s.labels()[i][2] * h * h / sd);
        }
        float[] ux = new float[g.edges()];
        float[] uy = new float[g.edges()];
        float[] out = new float[n];
        for (int e = 0; e < g.edges(); e++) {
            ux[e] = (float) (g.dx(e) / g.length(e));
            uy[e] = (float) (g.dy(e) / g.length(e));
            out[g.src(e)]++;
        }
        for (int i = 0; i < n; i++) {
            out[i] = out[i] == 0 ? 0 : 1 / out[i];
        }
        return new Prepared(
                in,
                Tensor.column(z),
                new Tensor(n, 3, lab),
                Tensor.column(ux),
                Tensor.column(uy),
                Tensor.column(out));
    }

    /** Predicted (d/dx, d/dy, Laplacian) per node, N x 3 (scaled like the labels). */
    public Var predict(Tape t, Prepared p) {
        GraphInputs g = p.graph();
        Var f = t.constant(p.values());
        Var grad = sdl.gradient(t, g, f);
        Var invOut = t.constant(p.invOut());
        Var gx =
                t.mulColumn(
                        t.scatterAddRows(t.mulColumn(grad, t.constant(p.ux())), g.src, g.nodes),
                        invOut);
        Var gy =
                t.mulColumn(
                        t.scatterAddRows(t.mulColumn(grad, t.constant(p.uy())), g.src, g.nodes),
                        invOut);
        Var lap = sdl.laplacian(t, g, f);
        return readout.apply(t, t.concatCols(gx, gy, lap));
    }

    /** Mean squared error of the three derivatives over the sample's nodes. */
    public Var loss(Tape t, Prepared p) {
        return t.maskedMse(predict(t, p), p.labels(), null);
    }

    public int channels() {
        return channels;
    }

    Iterable<Param> all() {
        return params.all();
    }
}
