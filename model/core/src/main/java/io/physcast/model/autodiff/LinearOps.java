package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/**
 * Matrix products and dense layers: {@code a . w}, bias broadcast, {@code x . W + b}: the
 * implementations behind {@link Tape}'s methods of this family.
 */
final class LinearOps {
    private LinearOps() {}

    static Var matmul(Tape t, Var a, Var w) {
        Tape.check(a.cols() == w.rows(), "matmul", a, w);
        Tensor out =
                new Tensor(a.rows(), w.cols(), t.output(a.rows() * w.cols())); // beta 0: written
        t.mm.gemm(
                false,
                false,
                a.rows(),
                w.cols(),
                a.cols(),
                a.value.data,
                w.value.data,
                0f,
                out.data);
        Var r = t.result(out, a, w);
        t.onBackward(r, () -> matmulBackward(t, a, w, r));
        return r;
    }

    private static void matmulBackward(Tape t, Var a, Var w, Var r) {
        if (a.needsGrad) { // dA += dR . W^T; the first gradient written, not added to zeros
            boolean fresh = a.gradIsFresh();
            t.mm.gemm(
                    false,
                    true,
                    a.rows(),
                    a.cols(),
                    w.cols(),
                    r.grad.data,
                    w.value.data,
                    fresh ? 0f : 1f,
                    fresh ? a.newGrad() : a.gradData());
        }
        if (w.needsGrad) { // dW += A^T . dR
            t.mm.gemm(
                    true,
                    false,
                    w.rows(),
                    w.cols(),
                    a.rows(),
                    a.value.data,
                    r.grad.data,
                    1f,
                    w.gradData());
        }
    }

    static Var addBias(Tape t, Var a, Var bias) {
        Tape.check(bias.rows() == 1 && bias.cols() == a.cols(), "addBias", a, bias);
        int c = a.cols();
        float[] x = a.value.data;
        float[] b = bias.value.data;
        float[] o = t.output(x.length);
        for (int row = 0; row < x.length; row += c) { // no i % c: it blocks vectorisation
            for (int j = 0; j < c; j++) {
                o[row + j] = x[row + j] + b[j];
            }
        }
        Var r = t.result(new Tensor(a.rows(), c, o), a, bias);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    addColumnSums(bias, g, c); // before a may adopt g
                    if (a.needsGrad) {
                        a.accumulateSpent(g);
                    }
                });
        return r;
    }

    /** {@code rows} copies of {@code row}, one after another. */
    private static float[] tiledRows(Tape t, float[] row, int rows) {
        float[] o = t.output(rows * row.length);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(row, 0, o, i * row.length, row.length);
        }
        return o;
    }

    /** The gradient of a broadcast bias: {@code dB += column sums of g}. */
    private static void addColumnSums(Var bias, float[] g, int c) {
        if (bias.needsGrad) {
            float[] gb = bias.gradData();
            for (int row = 0; row < g.length; row += c) {
                for (int j = 0; j < c; j++) {
                    gb[j] += g[row + j];
                }
            }
        }
    }

    static Var linear(Tape t, Var x, Param wp, Param bp) {
        Var w = t.param(wp);
        Var bias = t.param(bp);
        Tape.check(x.cols() == w.rows(), "linear", x, w);
        Tape.check(bias.rows() == 1 && bias.cols() == w.cols(), "linear", w, bias);
        int c = w.cols();
        // the bias rows first, then the product accumulated onto them (beta = 1): a row loop
        // adding the bias afterwards does not vectorise and cost more than the copies
        Tensor out = new Tensor(x.rows(), c, tiledRows(t, bias.value.data, x.rows()));
        t.mm.gemm(false, false, x.rows(), c, x.cols(), x.value.data, w.value.data, 1f, out.data);
        Var r = t.result(out, x, w, bias);
        t.onBackward(
                r,
                () -> {
                    matmulBackward(t, x, w, r);
                    addColumnSums(bias, r.grad.data, c);
                });
        return r;
    }
}
