package io.physcast.model.autodiff;

import io.physcast.model.tensor.FastMath;
import io.physcast.model.tensor.MatMul;
import io.physcast.model.tensor.MatMulBackends;
import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode automatic differentiation over 2-D float tensors.
 *
 * <p>Order of use: create ({@link #training()} or {@link #inference()}) -> build the forward pass
 * with the op methods -> {@link #backward(Var)} once (training only). Gradients of parameters
 * accumulate into {@link Param#grad}. An inference tape records nothing, so the same forward code
 * serves training and streaming.
 *
 * <p>Why not SameDiff: see DESIGN.md section 4 and the issue note; in short, per-op overhead of
 * eager ND4J (~50 us) and SameDiff (~150 us) dominated the recurrent step, while the arithmetic
 * itself goes through sgemm ({@link MatMul}).
 */
public final class Tape {
    private final boolean recording;
    private final List<Runnable> backward = new ArrayList<>();
    private final Map<Param, Var> params = new IdentityHashMap<>();
    private final MatMul mm = MatMulBackends.get();

    /**
     * A recycling tape's source of op outputs and the ones it took, for {@link #recycle()}; null
     * otherwise.
     */
    private final ArrayPool pool;

    private final List<float[]> taken;

    private Tape(boolean recording, boolean recycling) {
        this.recording = recording;
        pool = recycling ? ArrayPool.forThisThread() : null;
        taken = recycling ? new ArrayList<>() : null;
    }

    public static Tape training() {
        return new Tape(true, false);
    }

    public static Tape inference() {
        return new Tape(false, false);
    }

    /**
     * An inference tape whose op outputs come from arrays earlier tapes of this thread gave back
     * with {@link #recycle()}, which this one must call in turn: for a short computation repeated
     * many times (a streaming step). Holds every output until then.
     */
    public static Tape recyclingInference() {
        return new Tape(false, true);
    }

    public boolean recording() {
        return recording;
    }

    /**
     * Gives every op output of this {@link #recyclingInference()} tape to this thread's pool for
     * the next tape's ops. Call when nothing the tape computed is read any more (copy out what is
     * kept first); the tape is not used after.
     */
    public void recycle() {
        if (pool == null) {
            throw new IllegalStateException("not a recycling tape");
        }
        pool.giveBack(taken);
        taken.clear();
    }

    /** An op output of {@code size} floats whose contents are undefined: the op writes all. */
    private float[] output(int size) {
        if (pool == null) {
            return new float[size];
        }
        float[] a = pool.take(size);
        taken.add(a);
        return a;
    }

    /** An op output of {@code size} zeros, for an op that accumulates into it. */
    private float[] zeroOutput(int size) {
        if (pool == null) {
            return new float[size];
        }
        float[] a = output(size);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    public Var constant(Tensor t) {
        return new Var(t, false);
    }

    /** The parameter as a variable; its gradient flows into {@link Param#grad}. */
    public Var param(Param p) {
        Var v = params.get(p);
        if (v == null) {
            boolean grad = recording && !p.frozen();
            v = new Var(p.value, grad);
            if (grad) {
                v.grad = p.grad;
            }
            params.put(p, v);
        }
        return v;
    }

    private Var result(Tensor t, Var... inputs) {
        boolean grad = false;
        if (recording) {
            for (Var in : inputs) {
                grad |= in.needsGrad;
            }
        }
        return new Var(t, grad);
    }

    private void onBackward(Var out, Runnable r) {
        if (out.needsGrad) {
            // an output no gradient reached (e.g. the state after the last step) has nothing to
            // propagate: skipping it saves the work and never reads a null gradient
            backward.add(
                    () -> {
                        if (out.grad != null) {
                            r.run();
                        }
                    });
        }
    }

    /** Runs the recorded backward pass from a scalar loss (1 x 1). */
    public void backward(Var loss) {
        if (!recording) {
            throw new IllegalStateException("an inference tape has no backward pass");
        }
        if (loss.value.size() != 1) {
            throw new IllegalArgumentException("loss must be a scalar, got " + loss.value);
        }
        loss.gradData()[0] = 1f;
        for (int i = backward.size() - 1; i >= 0; i--) {
            backward.get(i).run();
        }
        backward.clear();
    }

    // ---------------------------------------------------------------- linear algebra

    /** {@code a . w} (R x K times K x C). */
    public Var matmul(Var a, Var w) {
        check(a.cols() == w.rows(), "matmul", a, w);
        Tensor out = new Tensor(a.rows(), w.cols(), output(a.rows() * w.cols())); // beta 0: written
        mm.gemm(
                false,
                false,
                a.rows(),
                w.cols(),
                a.cols(),
                a.value.data,
                w.value.data,
                0f,
                out.data);
        Var r = result(out, a, w);
        onBackward(r, () -> matmulBackward(a, w, r));
        return r;
    }

    private void matmulBackward(Var a, Var w, Var r) {
        if (a.needsGrad) { // dA += dR . W^T
            mm.gemm(
                    false,
                    true,
                    a.rows(),
                    a.cols(),
                    w.cols(),
                    r.grad.data,
                    w.value.data,
                    1f,
                    a.gradData());
        }
        if (w.needsGrad) { // dW += A^T . dR
            mm.gemm(
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

    /** {@code a + bias} with a 1 x C bias broadcast over rows. */
    public Var addBias(Var a, Var bias) {
        check(bias.rows() == 1 && bias.cols() == a.cols(), "addBias", a, bias);
        int c = a.cols();
        float[] x = a.value.data;
        float[] b = bias.value.data;
        float[] o = output(x.length);
        for (int row = 0; row < x.length; row += c) { // no i % c: it blocks vectorisation
            for (int j = 0; j < c; j++) {
                o[row + j] = x[row + j] + b[j];
            }
        }
        Var r = result(new Tensor(a.rows(), c, o), a, bias);
        onBackward(
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
    private float[] tiledRows(float[] row, int rows) {
        float[] o = output(rows * row.length);
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

    /**
     * {@code x . W + b} as one op: the bias is added in place to the product, so a layer allocates
     * and records one output instead of two (the same arithmetic as matmul then addBias).
     */
    public Var linear(Var x, Param wp, Param bp) {
        Var w = param(wp);
        Var bias = param(bp);
        check(x.cols() == w.rows(), "linear", x, w);
        check(bias.rows() == 1 && bias.cols() == w.cols(), "linear", w, bias);
        int c = w.cols();
        // the bias rows first, then the product accumulated onto them (beta = 1): a row loop
        // adding the bias afterwards does not vectorise and cost more than the copies
        Tensor out = new Tensor(x.rows(), c, tiledRows(bias.value.data, x.rows()));
        mm.gemm(false, false, x.rows(), c, x.cols(), x.value.data, w.value.data, 1f, out.data);
        Var r = result(out, x, w, bias);
        onBackward(
                r,
                () -> {
                    matmulBackward(x, w, r);
                    addColumnSums(bias, r.grad.data, c);
                });
        return r;
    }

    // ---------------------------------------------------------------- elementwise

    public Var add(Var a, Var b) {
        check(a.value.sameShape(b.value), "add", a, b);
        float[] x = a.value.data;
        float[] y = b.value.data;
        float[] o = output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] + y[i];
        }
        Var r = result(new Tensor(a.rows(), a.cols(), o), a, b);
        onBackward(
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

    public Var sub(Var a, Var b) {
        return add(a, scale(b, -1f));
    }

    public Var mul(Var a, Var b) {
        check(a.value.sameShape(b.value), "mul", a, b);
        float[] x = a.value.data;
        float[] y = b.value.data;
        float[] o = output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] * y[i];
        }
        Var r = result(new Tensor(a.rows(), a.cols(), o), a, b);
        onBackward(
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

    /** {@code a (R x C) * col (R x 1)} broadcast across columns. */
    public Var mulColumn(Var a, Var col) {
        check(col.cols() == 1 && col.rows() == a.rows(), "mulColumn", a, col);
        int c = a.cols();
        float[] x = a.value.data;
        float[] s = col.value.data;
        float[] o = output(x.length);
        // row by row, not s[i / c]: a division per element kept the loop scalar and slow
        for (int row = 0, i = 0; i < o.length; row++, i += c) {
            float v = s[row];
            for (int j = i; j < i + c; j++) {
                o[j] = x[j] * v;
            }
        }
        Var r = result(new Tensor(a.rows(), c, o), a, col);
        onBackward(
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

    /** {@code col (R x 1)} repeated to R x C. */
    public Var repeatColumn(Var col, int c) {
        check(col.cols() == 1, "repeatColumn", col, col);
        float[] s = col.value.data;
        float[] o = output(s.length * c);
        for (int row = 0; row < s.length; row++) {
            java.util.Arrays.fill(o, row * c, row * c + c, s[row]);
        }
        Var r = result(new Tensor(col.rows(), c, o), col);
        onBackward(
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

    public Var scale(Var a, float k) {
        float[] x = a.value.data;
        float[] o = output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = k * x[i];
        }
        Var r = result(new Tensor(a.rows(), a.cols(), o), a);
        onBackward(
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

    /**
     * Branch-free both ways: on values of random sign a compare-and-branch per element mispredicts
     * half the time (3.5 ms forward and 2.9 ms backward on 311k floats against 0.4-0.8 and 0.4-0.7
     * ms this way; the SDL's coefficient networks run several per frame).
     */
    public Var relu(Var a) {
        float[] x = a.value.data;
        float[] o = output(x.length);
        for (int i = 0; i < o.length; i++) {
            o[i] = Math.max(x[i], 0f);
        }
        Var r = result(new Tensor(a.rows(), a.cols(), o), a);
        onBackward(
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

    public Var tanh(Var a) {
        float[] o = a.value.data.clone();
        tanhInPlace(o);
        Var r = result(new Tensor(a.rows(), a.cols(), o), a);
        onBackward(
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

    /**
     * Fused GRU update (PyTorch gate order r, z, n): given the input projection {@code gx} and
     * hidden projection {@code gh} (both R x 3H, biases included) and the hidden state {@code h} (R
     * x H), returns {@code h' = (1 - z) * n + z * h} with {@code r = s(gx_r + gh_r)}, {@code z =
     * s(gx_z + gh_z)}, {@code n = tanh(gx_n + r * gh_n)}. One op instead of ten keeps the step
     * cheap.
     */
    public Var gru(Var gx, Var gh, Var h) {
        int hd = h.cols();
        int rows = h.rows();
        check(gx.cols() == 3 * hd && gh.cols() == 3 * hd && gx.rows() == rows, "gru", gx, h);
        float[] x = gx.value.data;
        float[] y = gh.value.data;
        float[] hv = h.value.data;
        float[] rg = output(rows * hd); // gates kept contiguous for the backward pass
        float[] zg = output(rows * hd);
        // only the backward pass reads r and z again: without it n overwrites r and the output z
        float[] nn = recording ? new float[rows * hd] : rg;
        float[] out = recording ? new float[rows * hd] : zg;
        // Pre-activations gathered per row, then each nonlinearity over a whole flat array: C2
        // vectorises a flat loop of FastMath but not one whose loads sit at a row offset other
        // than its stores' (JFR samples in this op at N = 1,000 fell about 4x against one fused
        // loop over rows). Same operations per element in the same order: bit-identical results.
        for (int i = 0; i < rows; i++) {
            int g = i * 3 * hd;
            int o = i * hd;
            for (int j = 0; j < hd; j++) {
                rg[o + j] = x[g + j] + y[g + j];
                zg[o + j] = x[g + hd + j] + y[g + hd + j];
            }
        }
        sigmoidInPlace(rg);
        sigmoidInPlace(zg);
        for (int i = 0; i < rows; i++) {
            int g = i * 3 * hd + 2 * hd;
            int o = i * hd;
            for (int j = 0; j < hd; j++) {
                nn[o + j] = x[g + j] + rg[o + j] * y[g + j];
            }
        }
        tanhInPlace(nn);
        for (int k = 0; k < out.length; k++) {
            out[k] = nn[k] + zg[k] * (hv[k] - nn[k]);
        }
        Var res = result(new Tensor(rows, hd, out), gx, gh, h);
        onBackward(
                res,
                () -> {
                    float[] go = res.grad.data;
                    float[] dgx = gx.needsGrad ? gx.gradData() : null;
                    float[] dgh = gh.needsGrad ? gh.gradData() : null;
                    float[] dh = h.needsGrad ? h.gradData() : null;
                    for (int i = 0; i < rows; i++) {
                        int g = i * 3 * hd;
                        for (int j = 0; j < hd; j++) {
                            int k = i * hd + j;
                            float r = rg[k];
                            float z = zg[k];
                            float n = nn[k];
                            float d = go[k];
                            float dn = d * (1f - z) * (1f - n * n);
                            float dz = d * (hv[k] - n) * z * (1f - z);
                            float dr = dn * y[g + 2 * hd + j] * r * (1f - r);
                            if (dgx != null) {
                                dgx[g + j] += dr;
                                dgx[g + hd + j] += dz;
                                dgx[g + 2 * hd + j] += dn;
                            }
                            if (dgh != null) {
                                dgh[g + j] += dr;
                                dgh[g + hd + j] += dz;
                                dgh[g + 2 * hd + j] += dn * r;
                            }
                            if (dh != null) {
                                dh[k] += d * z;
                            }
                        }
                    }
                });
        return res;
    }

    private static void sigmoidInPlace(float[] a) {
        for (int k = 0; k < a.length; k++) {
            a[k] = FastMath.sigmoid(a[k]);
        }
    }

    private static void tanhInPlace(float[] a) {
        for (int k = 0; k < a.length; k++) {
            a[k] = FastMath.tanh(a[k]);
        }
    }

    // ---------------------------------------------------------------- shape

    /** Columns side by side; all inputs have the same number of rows. */
    public Var concatCols(Var... parts) {
        int rows = parts[0].rows();
        int total = 0;
        for (Var p : parts) {
            check(p.rows() == rows, "concatCols", parts[0], p);
            total += p.cols();
        }
        float[] o = output(rows * total);
        int off = 0;
        for (Var p : parts) {
            int c = p.cols();
            float[] x = p.value.data;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * c, o, i * total + off, c);
            }
            off += c;
        }
        Var r = result(new Tensor(rows, total, o), parts);
        final int width = total;
        onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    int start = 0;
                    for (Var p : parts) {
                        int c = p.cols();
                        if (p.needsGrad) {
                            float[] gp = p.gradData();
                            for (int i = 0; i < rows; i++) {
                                int src = i * width + start;
                                int dst = i * c;
                                for (int j = 0; j < c; j++) {
                                    gp[dst + j] += g[src + j];
                                }
                            }
                        }
                        start += c;
                    }
                });
        return r;
    }

    /** Columns {@code [from, to)}. */
    public Var sliceCols(Var a, int from, int to) {
        int c = a.cols();
        int w = to - from;
        int rows = a.rows();
        float[] x = a.value.data;
        float[] o = output(rows * w);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * c + from, o, i * w, w);
        }
        Var r = result(new Tensor(rows, w, o), a);
        onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < w; j++) {
                            ga[i * c + from + j] += g[i * w + j];
                        }
                    }
                });
        return r;
    }

    /**
     * Rows {@code [from, to)}: a block of a weight matrix, for a layer whose input is a
     * concatenation computed part by part.
     */
    public Var sliceRows(Var a, int from, int to) {
        int c = a.cols();
        float[] o = java.util.Arrays.copyOfRange(a.value.data, from * c, to * c);
        Var r = result(new Tensor(to - from, c, o), a);
        onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < g.length; i++) {
                        ga[from * c + i] += g[i];
                    }
                });
        return r;
    }

    /** Rows {@code a[index[e]]}: node values onto edges. */
    public Var gatherRows(Var a, int[] index) {
        int c = a.cols();
        float[] x = a.value.data;
        float[] o = output(index.length * c);
        for (int e = 0; e < index.length; e++) {
            System.arraycopy(x, index[e] * c, o, e * c, c);
        }
        Var r = result(new Tensor(index.length, c, o), a);
        onBackward(r, () -> addRowsAt(r.grad.data, index, c, a.gradData()));
        return r;
    }

    /**
     * {@code base + x[index]}: row e of {@code base} plus row {@code index[e]} of {@code x}. The
     * same as {@code add(base, gatherRows(x, index))} without the gathered rows and a copy of their
     * gradient (an edge-sized pair per use: a fifth of PA-DGN's training allocation with the edge
     * projection of {@code RecurrentGnBlock}).
     */
    public Var addGatheredRows(Var base, Var x, int[] index) {
        int c = base.cols();
        check(x.cols() == c && base.rows() == index.length, "addGatheredRows", base, x);
        float[] b = base.value.data;
        float[] xs = x.value.data;
        float[] o = output(b.length);
        for (int e = 0; e < index.length; e++) {
            int s = index[e] * c;
            int d = e * c;
            for (int j = 0; j < c; j++) {
                o[d + j] = b[d + j] + xs[s + j];
            }
        }
        Var r = result(new Tensor(index.length, c, o), base, x);
        onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    if (x.needsGrad) {
                        addRowsAt(g, index, c, x.gradData());
                    }
                    if (base.needsGrad) {
                        base.accumulateSpent(g);
                    }
                });
        return r;
    }

    /** {@code into[index[e]] += g[e]} for each row e of {@code g} (C columns). */
    private static void addRowsAt(float[] g, int[] index, int c, float[] into) {
        for (int e = 0; e < index.length; e++) {
            int s = index[e] * c;
            int d = e * c;
            for (int j = 0; j < c; j++) {
                into[s + j] += g[d + j];
            }
        }
    }

    /** Sum of rows {@code a[e]} into row {@code index[e]} of an {@code n x C} result. */
    public Var scatterAddRows(Var a, int[] index, int n) {
        check(a.rows() == index.length, "scatterAddRows", a, a);
        int c = a.cols();
        float[] x = a.value.data;
        float[] o = zeroOutput(n * c);
        for (int e = 0; e < index.length; e++) {
            int d = index[e] * c;
            int s = e * c;
            for (int j = 0; j < c; j++) {
                o[d + j] += x[s + j];
            }
        }
        Var r = result(new Tensor(n, c, o), a);
        onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int e = 0; e < index.length; e++) {
                        int s = index[e] * c;
                        int d = e * c;
                        for (int j = 0; j < c; j++) {
                            ga[d + j] += g[s + j];
                        }
                    }
                });
        return r;
    }

    /** A fixed linear operator applied to a column of node values (N x 1 -> M x 1). */
    public Var sparse(Var f, io.physcast.model.operators.SparseOperator op) {
        check(f.cols() == 1, "sparse", f, f);
        Var r = result(Tensor.column(op.apply(f.value.data)), f);
        onBackward(r, () -> op.applyTransposeAdd(r.grad.data, f.gradData()));
        return r;
    }

    // ---------------------------------------------------------------- losses

    /**
     * Mean of {@code (pred - target)^2} over the entries where {@code mask} is non-zero (mask may
     * be null: all entries). Returns 1 x 1; zero when nothing is observed.
     */
    public Var maskedMse(Var pred, Tensor target, float[] mask) {
        check(pred.value.sameShape(target), "maskedMse", pred, pred);
        float[] p = pred.value.data;
        float[] t = target.data;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            if (mask == null || mask[i] != 0f) {
                double d = p[i] - t[i];
                sum += d * d;
                count++;
            }
        }
        final int n = Math.max(count, 1);
        Var r = result(new Tensor(1, 1, new float[] {(float) (sum / n)}), pred);
        onBackward(
                r,
                () -> {
                    float g = r.grad.data[0] * 2f / n;
                    float[] gp = pred.gradData();
                    for (int i = 0; i < p.length; i++) {
                        if (mask == null || mask[i] != 0f) {
                            gp[i] += g * (p[i] - t[i]);
                        }
                    }
                });
        return r;
    }

    private static void check(boolean ok, String op, Var a, Var b) {
        if (!ok) {
            throw new IllegalArgumentException(
                    op + ": incompatible shapes " + a.value + " and " + b.value);
        }
    }
}
