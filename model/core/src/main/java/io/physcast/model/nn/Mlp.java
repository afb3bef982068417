package io.physcast.model.nn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;

/** Linear layers with ReLU between them (none after the last). */
public final class Mlp {
    private final Linear[] layers;

    /**
     * @param sizes input, hidden..., output widths
     */
    public Mlp(ParamSet ps, String name, int... sizes) {
        layers = new Linear[sizes.length - 1];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = new Linear(ps, name + "." + i, sizes[i], sizes[i + 1]);
        }
    }

    /**
     * Zeroes the last layer so the MLP starts by outputting 0: a residual branch that begins as the
     * identity of whatever it corrects.
     */
    public Mlp zeroLastLayer() {
        layers[layers.length - 1].zeroWeights();
        return this;
    }

    public Var apply(Tape t, Var x) {
        return applyAfterFirstLayer(t, layers[0].apply(t, x));
    }

    /** The first layer, for a caller that computes its output part by part. */
    public Linear firstLayer() {
        return layers[0];
    }

    /** The rest of the MLP from the first layer's output. */
    public Var applyAfterFirstLayer(Tape t, Var firstLayerOut) {
        Var h = firstLayerOut;
        for (int i = 1; i < layers.length; i++) {
            h = layers[i].apply(t, t.relu(h));
        }
        return h;
    }
}
