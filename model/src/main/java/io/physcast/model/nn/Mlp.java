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
        Var h = x;
        for (int i = 0; i < layers.length; i++) {
            h = layers[i].apply(t, h);
            if (i < layers.length - 1) {
                h = t.relu(h);
            }
        }
        return h;
    }
}
