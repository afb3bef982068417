package io.physcast.model.nn;

import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;

/**
 * A stack of GRU cells (PyTorch's {@code nn.GRU} equations) applied for one time step: layer l
 * reads layer l-1's new hidden state. Built from sgemm plus one fused gate op per layer because
 * SameDiff's gruCell has no backprop (DESIGN.md section 4).
 */
public final class StackedGru {
    private final Param[] wx;
    private final Param[] bx;
    private final Param[] wh;
    private final Param[] bh;
    private final int hidden;

    public StackedGru(ParamSet ps, String name, int in, int hidden, int layers) {
        this.hidden = hidden;
        wx = new Param[layers];
        bx = new Param[layers];
        wh = new Param[layers];
        bh = new Param[layers];
        for (int l = 0; l < layers; l++) {
            // in == 0: the caller projects layer 0's input itself (see step)
            wx[l] =
                    (l == 0 && in == 0)
                            ? null
                            : ps.weight(name + ".l" + l + ".wx", l == 0 ? in : hidden, 3 * hidden);
            bx[l] = ps.bias(name + ".l" + l + ".bx", 3 * hidden);
            wh[l] = ps.weight(name + ".l" + l + ".wh", hidden, 3 * hidden);
            bh[l] = ps.bias(name + ".l" + l + ".bh", 3 * hidden);
        }
    }

    public int layers() {
        return wx.length;
    }

    public int hidden() {
        return hidden;
    }

    /**
     * One step. {@code inputProjection} is layer 0's {@code x Wx} without bias when the caller has
     * computed it more cheaply (e.g. node-side projections gathered onto edges); pass null to
     * project {@code x} here.
     *
     * @param h per-layer hidden states (R x H each), replaced by the new ones
     * @return the last layer's new hidden state (R x H)
     */
    public Var step(Tape t, Var x, Var inputProjection, Var[] h) {
        Var in = x;
        for (int l = 0; l < wx.length; l++) {
            Var gx =
                    (l == 0 && inputProjection != null)
                            ? inputProjection
                            : t.matmul(in, t.param(wx[l]));
            Var gh = t.matmul(h[l], t.param(wh[l]));
            h[l] = t.gru(gx, gh, h[l], t.param(bx[l]), t.param(bh[l]));
            in = h[l];
        }
        return in;
    }
}
