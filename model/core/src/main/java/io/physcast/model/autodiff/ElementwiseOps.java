package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/**
 * Element-wise ops: sums, products, broadcasts by column, scaling and activations: the
 * implementations behind {@link Tape}'s methods of this family.
 */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static Var add(Tape t, Var a, Var b) {
        Tape.check(a.value.sameShape(b.value), "add", a, b);
        float[] x = a.value.data;
        float[] y = b.value.data;
        float[] o = t.output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] + y[i];
        }
        Var r = t.result(new Tensor(a.rows(), a.cols(), o), a, b);
        t.onBackward(
                r,
                () -> {
                    if (a.needsGrad) {
                        a.accumulateSpent(r.grad.data);
                    }
                    if (b.needsGrad) { // a copy: a's later gradients may change the adopted one
                        b.accumulate(r.grad.data);
                    }
                });
        return r;
    }

    static Var sub(Tape t, Var a, Var b) {
        return add(t, a, scale(t, b, -1f));
    }

    static Var mul(Tape t, Var a, Var b) {
        Tape.check(a.value.sameShape(b.value), "mul", a, b);
        float[] x = a.value.data;
        float[] y = b.value.data;
        float[] o = t.output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] * y[i];
        }
        Var r = t.result(new Tensor(a.rows(), a.cols(), o), a, b);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    if (a.needsGrad) {
                        float[] ga = a.gradData();
                        for (int i = 0; i < g.length; i++) {
                            ga[i] += g[i] * y[i];
                        }
                    }
                    if (b.needsGrad) {
                        float[] gb = b.gradData();
                        for (int i = 0; i < g.length; i++) {
                            gb[i] += g[i] * x[i];
                        }
                    }
                });
        return r;
    }

    static Var mulColumn(Tape t, Var a, Var col) {
        Tape.check(col.cols() == 1 && col.rows() == a.rows(), "mulColumn", a, col);
        int c = a.cols();
        float[] x = a.value.data;
        float[] s = col.value.data;
        float[] o = t.output(x.length);
        // row by row, not s[i / c]: a division per element kept the loop scalar and slow
        for (int row = 0, i = 0; i < o.length; row++, i += c) {
            float v = s[row];
            for (int j = i; j < i + c; j++) {
                o[j] = x[j] * v;
            }
        }
        Var r = t.result(new Tensor(a.rows(), c, o), a, col);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    if (a.needsGrad) {
                        float[] ga = a.gradData();
                        for (int row = 0, i = 0; i < g.length; row++, i += c) {
                            float v = s[row];
                            for (int j = i; j < i + c; j++) {
                                ga[j] += g[j] * v;
                            }
                        }
                    }
                    if (col.needsGrad) {
                        float[] gs = col.gradData();
                        for (int row = 0, i = 0; i < g.length; row++, i += c) {
                            for (int j = i; j < i + c; j++) {
                                gs[row] += g[j] * x[j];
                            }
                        }
                    }
                });
        return r;
    }

    static Var repeatColumn(Tape t, Var col, int c) {
        Tape.check(col.cols() == 1, "repeatColumn", col, col);
        float[] s = col.value.data;
        float[] o = t.output(s.length * c);
        for (int row = 0; row < s.length; row++) {
            java.util.Arrays.fill(o, row * c, row * c + c, s[row]);
        }
        Var r = t.result(new Tensor(col.rows(), c, o), col);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] gs = col.gradData();
                    for (int row = 0, i = 0; i < g.length; row++, i += c) {
                        for (int j = i; j < i + c; j++) {
                            gs[row] += g[j];
                        }
                    }
                });
        return r;
    }

    static Var scale(Tape t, Var a, float k) {
        float[] x = a.value.data;
        float[] o = t.output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = k * x[i];
        }
        Var r = t.result(new Tensor(a.rows(), a.cols(), o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < g.length; i++) {
                        ga[i] += k * g[i];
                    }
                });
        return r;
    }

    static Var relu(Tape t, Var a) {
        float[] x = a.value.data;
        float[] o = t.output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = Math.max(x[i], 0f);
        }
        Var r = t.result(new Tensor(a.rows(), a.cols(), o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    if (a.gradIsFresh()) { // adopt, then mask in place
                        a.accumulateSpent(g);
                        float[] ga = a.grad.data;
                        for (int i = 0; i < ga.length; i++) {
                            ga[i] = passWherePositive(ga[i], o[i]);
                        }
                        return;
                    }
                    float[] ga = a.gradData();
                    for (int i = 0; i < g.length; i++) {
                        ga[i] += passWherePositive(g[i], o[i]);
                    }
                });
        return r;
    }

    /**
     * {@code g} where {@code out > 0}, else 0, for {@code out >= 0} (a ReLU output): the sign bit
     * of {@code -bits(out)} is set exactly when out's bits are non-zero, and its arithmetic shift
     * is the all-ones or all-zeros mask.
     */
    static float passWherePositive(float g, float out) {
        return Float.intBitsToFloat(
                Float.floatToRawIntBits(g) & (-Float.floatToRawIntBits(out) >> 31));
    }

    static Var tanh(Tape t, Var a) {
        float[] o = t.output(a.size());
        System.arraycopy(a.value.data, 0, o, 0, o.length);
        GruOps.tanhInPlace(o);
        Var r = t.result(new Tensor(a.rows(), a.cols(), o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < g.length; i++) {
                        ga[i] += g[i] * (1f - o[i] * o[i]);
                    }
                });
        return r;
    }
}
