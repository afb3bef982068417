package io.physcast.model.autodiff;

import io.physcast.model.cuda.DeviceArray;
import io.physcast.model.cuda.DeviceContext;
import io.physcast.model.cuda.Segments;
import io.physcast.model.operators.SparseOperator;
import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU twins of {@link LinearOps}, {@link ElementwiseOps}, {@link GruOps}, {@link ShapeOps},
 * {@link GraphOps} and {@link LossOps}: the same values and gradients, computed by cuBLAS and the
 * kernels of {@code kernels.cu} on device memory. Everything a tape allocates is freed by {@link
 * #release()} except what a caller {@link #keep}s (a stepper's next state); parameters live in a
 * {@link DeviceParams} that outlasts the tape.
 */
final class DeviceOps {
    final DeviceContext context;
    final DeviceParams params;
    private final Tape tape;
    private final List<DeviceArray> owned = new ArrayList<>();

    DeviceOps(Tape tape, DeviceContext context, DeviceParams params) {
        this.tape = tape;
        this.context = context;
        this.params = params;
    }

    DeviceArray alloc(long size) {
        DeviceArray a = context.alloc(size);
        owned.add(a);
        return a;
    }

    DeviceArray zeros(long size) {
        DeviceArray a = alloc(size);
        context.zero(a);
        return a;
    }

    /**
     * Takes {@code v}'s value out of this tape's care: the caller frees it. Null when this tape did
     * not allocate it (an input, a parameter).
     */
    DeviceArray keep(Var v) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            if (owned.get(i) == v.dv) {
                owned.remove(i);
                return v.dv;
            }
        }
        return null;
    }

    void release() {
        for (DeviceArray a : owned) {
            context.free(a);
        }
        owned.clear();
    }

    private Var out(int rows, int cols, DeviceArray dv, Var... inputs) {
        boolean grad = false;
        if (tape.recording) {
            for (Var in : inputs) {
                grad |= in.needsGrad;
            }
        }
        return new Var(this, rows, cols, dv, grad);
    }

    Var wrap(int rows, int cols, DeviceArray dv) {
        return new Var(this, rows, cols, dv, false);
    }

    Var constant(Tensor t) {
        return wrap(t.rows, t.cols, uploadOwned(t.data));
    }

    private DeviceArray uploadOwned(float[] values) {
        DeviceArray a = alloc(values.length);
        context.upload(values, a);
        return a;
    }

    Var fixed(Tensor t) {
        return wrap(
                t.rows,
                t.cols,
                context.cached(t, x -> new DeviceArray[] {context.upload(x.data)})[0]);
    }

    Var param(Param p) {
        boolean grad = tape.recording && !p.frozen();
        Var v = new Var(this, p.value.rows, p.value.cols, params.value(p), grad);
        if (grad) {
            v.dg = params.grad(p);
        }
        return v;
    }

    Var detach(Var v) {
        return wrap(v.rows(), v.cols(), v.dv);
    }

    void seedLoss(Var loss) {
        loss.dg = alloc(1);
        context.launch("fill", 1, loss.dg, 1f, 1L);
    }

    // ------------------------------------------------------------------ linear

    Var matmul(Var a, Var w) {
        Tape.check(a.cols() == w.rows(), "matmul", a, w);
        DeviceArray o = alloc((long) a.rows() * w.cols());
        context.gemm(false, false, a.rows(), w.cols(), a.cols(), a.dv, w.dv, 0f, o);
        Var r = out(a.rows(), w.cols(), o, a, w);
        tape.onBackward(r, () -> matmulBackward(a, w, r));
        return r;
    }

    private void matmulBackward(Var a, Var w, Var r) {
        if (a.needsGrad) { // dA += dR . W^T
            context.gemm(false, true, a.rows(), a.cols(), w.cols(), r.dg, w.dv, 1f, a.gradDevice());
        }
        if (w.needsGrad) { // dW += A^T . dR
            context.gemm(true, false, w.rows(), w.cols(), a.rows(), a.dv, r.dg, 1f, w.gradDevice());
        }
    }

    Var addBias(Var a, Var bias) {
        Tape.check(bias.rows() == 1 && bias.cols() == a.cols(), "addBias", a, bias);
        int c = a.cols();
        DeviceArray o = alloc(a.size());
        context.launch("add_bias", a.size(), o, a.dv, bias.dv, (long) a.size(), c);
        Var r = out(a.rows(), c, o, a, bias);
        tape.onBackward(
                r,
                () -> {
                    addColumnSums(bias, r.dg, a.rows(), c); // before a may adopt the gradient
                    if (a.needsGrad) {
                        a.accumulateDevice(r.dg, true);
                    }
                });
        return r;
    }

    /** {@code dB += column sums of g}: chunks of rows summed apart, then the chunks in order. */
    private void addColumnSums(Var bias, DeviceArray g, int rows, int c) {
        if (!bias.needsGrad) {
            return;
        }
        int chunk = 128;
        int chunks = (rows + chunk - 1) / chunk;
        DeviceArray part = context.alloc((long) chunks * c);
        context.launch("col_partial", (long) chunks * c, part, g, rows, c, chunk);
        context.launch("col_finish", c, bias.gradDevice(), part, chunks, c);
        context.free(part); // stream-ordered: after the kernels that read it
    }

    Var linear(Var x, Var w, Var bias) {
        Tape.check(x.cols() == w.rows(), "linear", x, w);
        Tape.check(bias.rows() == 1 && bias.cols() == w.cols(), "linear", w, bias);
        int c = w.cols();
        long n = (long) x.rows() * c;
        DeviceArray o = alloc(n);
        context.launch("tile_row", n, o, bias.dv, n, c);
        context.gemm(false, false, x.rows(), c, x.cols(), x.dv, w.dv, 1f, o);
        Var r = out(x.rows(), c, o, x, w, bias);
        tape.onBackward(
                r,
                () -> {
                    matmulBackward(x, w, r);
                    addColumnSums(bias, r.dg, x.rows(), c);
                });
        return r;
    }

    // ------------------------------------------------------------------ element-wise

    Var add(Var a, Var b) {
        Tape.check(a.rows() == b.rows() && a.cols() == b.cols(), "add", a, b);
        DeviceArray o = alloc(a.size());
        context.launch("add_scaled", a.size(), o, a.dv, b.dv, 1f, (long) a.size());
        Var r = out(a.rows(), a.cols(), o, a, b);
        tape.onBackward(
                r,
                () -> {
                    if (a.needsGrad) {
                        a.accumulateDevice(r.dg, true);
                    }
                    if (b.needsGrad) { // a copy: a's later gradients may change the adopted one
                        b.accumulateDevice(r.dg, false);
                    }
                });
        return r;
    }

    Var mul(Var a, Var b) {
        Tape.check(a.rows() == b.rows() && a.cols() == b.cols(), "mul", a, b);
        long n = a.size();
        DeviceArray o = alloc(n);
        context.launch("mul", n, o, a.dv, b.dv, n);
        Var r = out(a.rows(), a.cols(), o, a, b);
        tape.onBackward(
                r,
                () -> {
                    if (a.needsGrad) {
                        context.launch("mul_acc", n, a.gradDevice(), r.dg, b.dv, n);
                    }
                    if (b.needsGrad) {
                        context.launch("mul_acc", n, b.gradDevice(), r.dg, a.dv, n);
                    }
                });
        return r;
    }

    Var mulColumn(Var a, Var col) {
        Tape.check(col.cols() == 1 && col.rows() == a.rows(), "mulColumn", a, col);
        int c = a.cols();
        long n = a.size();
        DeviceArray o = alloc(n);
        context.launch("mul_column", n, o, a.dv, col.dv, n, c);
        Var r = out(a.rows(), c, o, a, col);
        tape.onBackward(
                r,
                () -> {
                    if (a.needsGrad) {
                        context.launch("mul_column_acc", n, a.gradDevice(), r.dg, col.dv, n, c);
                    }
                    if (col.needsGrad) {
                        context.launch(
                                "row_dot_acc", a.rows(), col.gradDevice(), r.dg, a.dv, a.rows(), c);
                    }
                });
        return r;
    }

    Var repeatColumn(Var col, int c) {
        long n = (long) col.rows() * c;
        DeviceArray o = alloc(n);
        context.launch("repeat_column", n, o, col.dv, n, c);
        Var r = out(col.rows(), c, o, col);
        tape.onBackward(
                r,
                () ->
                        context.launch(
                                "row_dot_acc",
                                col.rows(),
                                col.gradDevice(),
                                r.dg,
                                null,
                                col.rows(),
                                c));
        return r;
    }

    Var scale(Var a, float k) {
        long n = a.size();
        DeviceArray o = alloc(n);
        context.launch("scale", n, o, a.dv, k, n);
        Var r = out(a.rows(), a.cols(), o, a);
        tape.onBackward(
                r,
                () -> {
                    DeviceArray ga = a.gradDevice();
                    context.launch("add_scaled", n, ga, ga, r.dg, k, n);
                });
        return r;
    }

    Var relu(Var a) {
        return activation(a, "relu", "relu_back");
    }

    Var tanh(Var a) {
        return activation(a, "tanh_fwd", "tanh_back");
    }

    /** An element-wise function whose derivative is computed from its output. */
    private Var activation(Var a, String forward, String backward) {
        long n = a.size();
        DeviceArray o = alloc(n);
        context.launch(forward, n, o, a.dv, n);
        Var r = out(a.rows(), a.cols(), o, a);
        tape.onBackward(r, () -> context.launch(backward, n, a.gradDevice(), r.dg, o, n));
        return r;
    }

    // ------------------------------------------------------------------ GRU

    Var gru(Var gx, Var gh, Var h) {
        int hd = h.cols();
        int rows = h.rows();
        Tape.check(gx.cols() == 3 * hd && gh.cols() == 3 * hd && gx.rows() == rows, "gru", gx, h);
        long n = (long) rows * hd;
        DeviceArray rg = context.alloc(n);
        DeviceArray zg = context.alloc(n);
        DeviceArray ng = context.alloc(n);
        DeviceArray o = alloc(n);
        context.launch("gru_fwd", n, gx.dv, gh.dv, h.dv, rg, zg, ng, o, rows, hd);
        Var res = out(rows, hd, o, gx, gh, h);
        if (!tape.recording) {
            context.free(rg); // only the backward pass reads the gates again
            context.free(zg);
            context.free(ng);
            return res;
        }
        owned.add(rg);
        owned.add(zg);
        owned.add(ng);
        tape.onBackward(
                res,
                () ->
                        context.launch(
                                "gru_bwd",
                                n,
                                res.dg,
                                gh.dv,
                                h.dv,
                                rg,
                                zg,
                                ng,
                                gx.needsGrad ? gx.gradDevice() : null,
                                gh.needsGrad ? gh.gradDevice() : null,
                                h.needsGrad ? h.gradDevice() : null,
                                rows,
                                hd));
        return res;
    }

    // ------------------------------------------------------------------ shape

    Var concatCols(Var... parts) {
        int rows = parts[0].rows();
        int total = 0;
        for (Var p : parts) {
            total += p.cols();
        }
        DeviceArray o = alloc((long) rows * total);
        int off = 0;
        for (Var p : parts) {
            copyCols(o, total, off, p.dv, p.cols(), 0, rows, p.cols(), false);
            off += p.cols();
        }
        Var r = out(rows, total, o, parts);
        int width = total;
        tape.onBackward(
                r,
                () -> {
                    int start = 0;
                    for (Var p : parts) {
                        if (p.needsGrad) {
                            copyCols(
                                    p.gradDevice(),
                                    p.cols(),
                                    0,
                                    r.dg,
                                    width,
                                    start,
                                    rows,
                                    p.cols(),
                                    true);
                        }
                        start += p.cols();
                    }
                });
        return r;
    }

    Var sliceCols(Var a, int from, int to) {
        int w = to - from;
        int rows = a.rows();
        DeviceArray o = alloc((long) rows * w);
        copyCols(o, w, 0, a.dv, a.cols(), from, rows, w, false);
        Var r = out(rows, w, o, a);
        tape.onBackward(
                r, () -> copyCols(a.gradDevice(), a.cols(), from, r.dg, w, 0, rows, w, true));
        return r;
    }

    /** Rows of a: a view of the same memory (op outputs are never written after their op). */
    Var sliceRows(Var a, int from, int to) {
        int c = a.cols();
        long n = (long) (to - from) * c;
        Var r = out(to - from, c, a.dv.slice((long) from * c, n), a);
        tape.onBackward(
                r,
                () -> {
                    DeviceArray ga = a.gradDevice().slice((long) from * c, n);
                    context.launch("add_scaled", n, ga, ga, r.dg, 1f, n);
                });
        return r;
    }

    private void copyCols(
            DeviceArray dst,
            int ldd,
            int doff,
            DeviceArray src,
            int lds,
            int soff,
            int rows,
            int width,
            boolean accumulate) {
        context.launch(
                "copy_cols",
                (long) rows * width,
                dst,
                ldd,
                doff,
                src,
                lds,
                soff,
                rows,
                width,
                accumulate ? 1 : 0);
    }

    // ------------------------------------------------------------------ graph

    Var gatherRows(Var a, int[] index) {
        return gathered(null, a, index);
    }

    Var addGatheredRows(Var base, Var x, int[] index) {
        Tape.check(
                x.cols() == base.cols() && base.rows() == index.length, "addGatheredRows", base, x);
        return gathered(base, x, index);
    }

    /** {@code (base or 0) + x[index]}; its backward sums each node's rows in edge order. */
    private Var gathered(Var base, Var x, int[] index) {
        int c = x.cols();
        long n = (long) index.length * c;
        DeviceArray o = alloc(n);
        DeviceArray idx = indexArray(index);
        context.launch(
                "gather_rows", n, o, base == null ? null : base.dv, x.dv, idx, index.length, c);
        Var r = base == null ? out(index.length, c, o, x) : out(index.length, c, o, base, x);
        tape.onBackward(
                r,
                () -> {
                    if (x.needsGrad) {
                        DeviceArray[] seg = segments(index, x.rows());
                        context.launch(
                                "segment_sum_rows",
                                (long) x.rows() * c,
                                x.gradDevice(),
                                r.dg,
                                seg[0],
                                seg[1],
                                x.rows(),
                                c,
                                1);
                    }
                    if (base != null && base.needsGrad) {
                        base.accumulateDevice(r.dg, true);
                    }
                });
        return r;
    }

    Var scatterAddRows(Var a, int[] index, int n) {
        Tape.check(a.rows() == index.length, "scatterAddRows", a, a);
        int c = a.cols();
        DeviceArray o = alloc((long) n * c);
        DeviceArray[] seg = segments(index, n);
        context.launch("segment_sum_rows", (long) n * c, o, a.dv, seg[0], seg[1], n, c, 0);
        Var r = out(n, c, o, a);
        tape.onBackward(
                r,
                () -> {
                    DeviceArray ga = a.gradDevice(); // ga[e] += g[index[e]]
                    context.launch(
                            "gather_rows",
                            (long) index.length * c,
                            ga,
                            ga,
                            r.dg,
                            indexArray(index),
                            index.length,
                            c);
                });
        return r;
    }

    Var sparse(Var f, SparseOperator op) {
        DeviceArray[] d = context.cached(op, o -> uploadOperator(o, f.rows()));
        int m = op.outSize();
        DeviceArray o = alloc(m);
        context.launch("sparse_rows", m, o, d[0], d[1], d[2], f.dv, m, 0);
        Var r = out(m, 1, o, f);
        tape.onBackward(
                r,
                () ->
                        context.launch(
                                "sparse_rows",
                                f.rows(),
                                f.gradDevice(),
                                d[3],
                                d[4],
                                d[5],
                                r.dg,
                                f.rows(),
                                1));
        return r;
    }

    /** The operator grouped by output row, then by input (its transpose), each in entry order. */
    private DeviceArray[] uploadOperator(SparseOperator op, int in) {
        SparseOperator.Entries e = op.entries();
        Segments byRow = Segments.of(e.row(), e.outSize());
        Segments byCol = Segments.of(e.col(), in);
        return new DeviceArray[] {
            context.upload(byRow.permute(e.weight())),
            context.upload(byRow.permute(e.col())),
            context.upload(byRow.start()),
            context.upload(byCol.permute(e.weight())),
            context.upload(byCol.permute(e.row())),
            context.upload(byCol.start())
        };
    }

    /** A graph index array on the device; its grouping by target is added when first asked. */
    private DeviceArray indexArray(int[] index) {
        DeviceArray[] s = context.cached(index, i -> new DeviceArray[3]);
        if (s[0] == null) {
            s[0] = context.upload(index);
        }
        return s[0];
    }

    /** {@code index} grouped by target, for targets {@code [0, n)}: start and order arrays. */
    private DeviceArray[] segments(int[] index, int n) {
        DeviceArray[] s = context.cached(index, i -> new DeviceArray[3]);
        if (s[1] == null) {
            Segments g = Segments.of(index, n);
            s[1] = context.upload(g.start());
            s[2] = context.upload(g.order());
        }
        return new DeviceArray[] {s[1], s[2]};
    }

    // ------------------------------------------------------------------ loss

    Var maskedMse(Var pred, Tensor target, float[] mask, int observed) {
        Tape.check(
                pred.rows() == target.rows && pred.cols() == target.cols, "maskedMse", pred, pred);
        int n = pred.size();
        DeviceArray y = uploadOwned(target.data);
        DeviceArray m = mask == null ? null : uploadOwned(mask);
        DeviceArray o = alloc(1);
        context.launchGrid("masked_mse", 1, 1024, o, pred.dv, y, m, n, (double) observed);
        Var r = out(1, 1, o, pred);
        tape.onBackward(
                r,
                () ->
                        context.launch(
                                "masked_mse_back",
                                n,
                                pred.gradDevice(),
                                r.dg,
                                pred.dv,
                                y,
                                m,
                                n,
                                2f / observed));
        return r;
    }
}
