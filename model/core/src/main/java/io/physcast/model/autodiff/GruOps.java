package io.physcast.model.autodiff;

import io.physcast.model.tensor.FastMath;
import io.physcast.model.tensor.Tensor;

/**
 * The GRU cell update over precomputed gate pre-activations: the implementations behind {@link
 * Tape}'s methods of this family.
 */
final class GruOps {
    private GruOps() {}

    static Var gru(Tape t, Var gx, Var gh, Var h, Var bx, Var bh) {
        int hd = h.cols();
        int rows = h.rows();
        Tape.check(gx.cols() == 3 * hd && gh.cols() == 3 * hd && gx.rows() == rows, "gru", gx, h);
        Tape.check(bx.size() == 3 * hd && bh.size() == 3 * hd, "gru", bx, bh);
        float[] x = gx.value.data;
        float[] y = gh.value.data;
        float[] hv = h.value.data;
        float[] b = bx.value.data;
        float[] c = bh.value.data;
        float[] rg = t.output(rows * hd); // gates kept contiguous for the backward pass
        float[] zg = t.output(rows * hd);
        // only the backward pass reads r and z again: without it n overwrites r and the output z
        float[] nn = t.recording ? t.output(rows * hd) : rg;
        float[] out = t.recording ? t.output(rows * hd) : zg;
        // Pre-activations gathered per row, then each nonlinearity over a whole flat array: C2
        // vectorises a flat loop of FastMath but not one whose loads sit at a row offset other
        // than its stores' (JFR samples in this op at N = 1,000 fell about 4x against one fused
        // loop over rows). Each projection plus its bias first, as a layer with its bias would
        // give them: the same sums in the same order.
        for (int i = 0; i < rows; i++) {
            int g = i * 3 * hd;
            int o = i * hd;
            for (int j = 0; j < hd; j++) {
                rg[o + j] = (x[g + j] + b[j]) + (y[g + j] + c[j]);
                zg[o + j] = (x[g + hd + j] + b[hd + j]) + (y[g + hd + j] + c[hd + j]);
            }
        }
        sigmoidInPlace(rg);
        sigmoidInPlace(zg);
        for (int i = 0; i < rows; i++) {
            int g = i * 3 * hd + 2 * hd;
            int o = i * hd;
            for (int j = 0; j < hd; j++) {
                nn[o + j] = (x[g + j] + b[2 * hd + j]) + rg[o + j] * (y[g + j] + c[2 * hd + j]);
            }
        }
        tanhInPlace(nn);
        for (int k = 0; k < out.length; k++) {
            out[k] = nn[k] + zg[k] * (hv[k] - nn[k]);
        }
        Var res = t.result(new Tensor(rows, hd, out), gx, gh, h, bx, bh);
        t.onBackward(
                res,
                () -> {
                    Gates gates = new Gates(rows, hd, rg, zg, nn, res.grad.data, hv, y, c);
                    float[] sumX = bx.needsGrad ? bx.gradData() : new float[3 * hd];
                    float[] sumH = bh.needsGrad ? bh.gradData() : new float[3 * hd];
                    // both projections need gradients in training; the checks stay out of the
                    // loop, which reads six arrays and writes six (a tenth of an iteration, JFR)
                    if (gx.needsGrad && gh.needsGrad && gx.gradIsFresh() && gh.gradIsFresh()) {
                        gates.gradients(gx.newGrad(), gh.newGrad(), false, sumX, sumH);
                    } else if (gx.needsGrad && gh.needsGrad) {
                        gates.gradients(gx.gradData(), gh.gradData(), true, sumX, sumH);
                    } else {
                        float[] scratchX = new float[rows * 3 * hd];
                        float[] scratchH = new float[rows * 3 * hd];
                        gates.gradients(scratchX, scratchH, false, sumX, sumH);
                        if (gx.needsGrad) {
                            addTo(gx.gradData(), scratchX);
                        }
                        if (gh.needsGrad) {
                            addTo(gh.gradData(), scratchH);
                        }
                    }
                    if (h.needsGrad) {
                        float[] dh = h.gradData();
                        float[] go = res.grad.data;
                        for (int k = 0; k < dh.length; k++) {
                            dh[k] += go[k] * zg[k];
                        }
                    }
                });
        return res;
    }

    /** What the backward pass reads: the gates, the output gradient, h, gh and its bias. */
    private record Gates(
            int rows,
            int hd,
            float[] rg,
            float[] zg,
            float[] nn,
            float[] go,
            float[] hv,
            float[] y,
            float[] c) {
        /**
         * The gradients of the gate pre-activations of both projections, added to {@code dgx} and
         * {@code dgh} or (add false) written over them, and their column sums (the biases'
         * gradients) added to {@code sumX} and {@code sumH} row by row, as a layer's bias sums
         * them.
         */
        void gradients(float[] dgx, float[] dgh, boolean add, float[] sumX, float[] sumH) {
            for (int i = 0; i < rows; i++) {
                int g = i * 3 * hd;
                int o = i * hd;
                for (int j = 0; j < hd; j++) {
                    int k = o + j;
                    float r = rg[k];
                    float z = zg[k];
                    float n = nn[k];
                    float d = go[k];
                    float dn = d * (1f - z) * (1f - n * n);
                    float dz = d * (hv[k] - n) * z * (1f - z);
                    float dr = dn * (y[g + 2 * hd + j] + c[2 * hd + j]) * r * (1f - r);
                    float dnr = dn * r;
                    if (add) {
                        dgx[g + j] += dr;
                        dgx[g + hd + j] += dz;
                        dgx[g + 2 * hd + j] += dn;
                        dgh[g + j] += dr;
                        dgh[g + hd + j] += dz;
                        dgh[g + 2 * hd + j] += dnr;
                    } else {
                        dgx[g + j] = dr;
                        dgx[g + hd + j] = dz;
                        dgx[g + 2 * hd + j] = dn;
                        dgh[g + j] = dr;
                        dgh[g + hd + j] = dz;
                        dgh[g + 2 * hd + j] = dnr;
                    }
                    sumX[j] += dr;
                    sumX[hd + j] += dz;
                    sumX[2 * hd + j] += dn;
                    sumH[j] += dr;
                    sumH[hd + j] += dz;
                    sumH[2 * hd + j] += dnr;
                }
            }
        }
    }

    private static void addTo(float[] into, float[] g) {
        for (int k = 0; k < g.length; k++) {
            into[k] += g[k];
        }
    }

    private static void sigmoidInPlace(float[] a) {
        for (int k = 0; k < a.length; k++) {
            a[k] = FastMath.sigmoid(a[k]);
        }
    }

    static void tanhInPlace(float[] a) {
        for (int k = 0; k < a.length; k++) {
            a[k] = FastMath.tanh(a[k]);
        }
    }
}
