package io.physcast.model.autodiff;

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
public final class Tape implements AutoCloseable {
    final boolean recording;
    private final List<Runnable> backward = new ArrayList<>();
    private final Map<Param, Var> params = new IdentityHashMap<>();
    final MatMul mm = MatMulBackends.get();

    /**
     * A recycling tape's source of op outputs and the ones it took, for {@link #recycle()}; null
     * otherwise.
     */
    private final ArrayPool pool;

    private final List<float[]> taken;

    /** The GPU's ops and memory for a device tape; null on the CPU. */
    private final DeviceOps gpu;

    /** Where parameter gradients go instead of {@link Param#grad}; null: there. */
    private final Map<Param, Tensor> gradients;

    private Tape(boolean recording, ArrayPool pool, Map<Param, Tensor> gradients) {
        this.recording = recording;
        this.pool = pool;
        taken = pool != null ? new ArrayList<>() : null;
        gpu = null;
        this.gradients = gradients;
    }

    private Tape(boolean recording, DeviceParams params) {
        this.recording = recording;
        pool = null;
        taken = null;
        gpu = new DeviceOps(this, params.context(), params);
        gradients = null;
    }

    /**
     * A tape whose values live on the GPU, with the parameters of {@code params} (upload them
     * first). Close it when done: that frees what it allocated.
     */
    public static Tape onDevice(DeviceParams params, boolean recording) {
        return new Tape(recording, params);
    }

    /**
     * Frees a device tape's memory (values the caller {@link #keep}s excepted); no-op on the CPU.
     */
    @Override
    public void close() {
        if (gpu != null) {
            gpu.release();
        }
    }

    /**
     * Takes a device value out of this tape's care before {@link #close()}: the caller frees it.
     */
    public io.physcast.model.cuda.DeviceArray keep(Var v) {
        return gpu.keep(v);
    }

    /** A device array as a constant of this device tape (not freed by it). */
    public Var constant(int rows, int cols, io.physcast.model.cuda.DeviceArray values) {
        return gpu.wrap(rows, cols, values);
    }

    public static Tape training() {
        return new Tape(true, null, null);
    }

    /**
     * A recording tape whose parameters' gradients accumulate in {@code gradients} (a zero tensor
     * per parameter, added on first use) instead of {@link Param#grad}: one part of a batch whose
     * parts run side by side, summed afterwards in a fixed order.
     */
    public static Tape training(Map<Param, Tensor> gradients) {
        return new Tape(true, null, gradients);
    }

    /**
     * As {@link #training(Map)}, with op outputs and gradients taken from {@code pool}, which the
     * caller must {@link #recycle()} to once it has read what it needs (the loss): a training
     * iteration of PA-DGN writes gigabytes of fresh arrays, and collecting them paused the JVM for
     * a quarter of the time with two threads training (docs/performance.md).
     */
    public static Tape recyclingTraining(Map<Param, Tensor> gradients, ArrayPool pool) {
        return new Tape(true, pool, gradients);
    }

    public static Tape inference() {
        return new Tape(false, null, null);
    }

    /**
     * An inference tape whose op outputs come from arrays earlier tapes of this thread gave back
     * with {@link #recycle()}, which this one must call in turn: for a short computation repeated
     * many times (a streaming step). Holds every output until then.
     */
    public static Tape recyclingInference() {
        return new Tape(false, ArrayPool.forThisThread(), null);
    }

    public boolean recording() {
        return recording;
    }

    /**
     * Gives every op output (and gradient) of this recycling tape to its pool for the next tape's
     * ops. Call when nothing the tape computed is read any more (copy out what is kept first); the
     * tape is not used after.
     *
     * @return the pool, for the next tape
     */
    public ArrayPool recycle() {
        if (pool == null) {
            throw new IllegalStateException("not a recycling tape");
        }
        pool.giveBack(taken);
        taken.clear();
        return pool;
    }

    /** An op output of {@code size} floats whose contents are undefined: the op writes all. */
    float[] output(int size) {
        if (pool == null) {
            return new float[size];
        }
        float[] a = pool.take(size);
        taken.add(a);
        return a;
    }

    /** An op output of {@code size} zeros, for an op that accumulates into it. */
    float[] zeroOutput(int size) {
        if (pool == null) {
            return new float[size];
        }
        float[] a = output(size);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    public Var constant(Tensor t) {
        return gpu != null ? gpu.constant(t) : new Var(t, false);
    }

    /**
     * A constant that does not change while it lives (a graph's geometry): a device tape keeps its
     * copy for the next tapes.
     */
    public Var fixed(Tensor t) {
        return gpu != null ? gpu.fixed(t) : new Var(t, false);
    }

    /** The same value with no gradient flowing back through it. */
    public Var detach(Var v) {
        return gpu != null ? gpu.detach(v) : new Var(v.value, false);
    }

    /** The parameter as a variable; its gradient flows into {@link Param#grad}. */
    public Var param(Param p) {
        Var v = params.get(p);
        if (v == null && gpu != null) {
            v = gpu.param(p);
            params.put(p, v);
        } else if (v == null) {
            boolean grad = recording && !p.frozen();
            v = new Var(p.value, grad);
            if (grad) {
                v.grad =
                        gradients == null
                                ? p.grad
                                : gradients.computeIfAbsent(
                                        p, k -> Tensor.zeros(k.value.rows, k.value.cols));
            }
            params.put(p, v);
        }
        return v;
    }

    Var result(Tensor t, Var... inputs) {
        boolean grad = false;
        if (recording) {
            for (Var in : inputs) {
                grad |= in.needsGrad;
            }
        }
        return new Var(t, grad, this);
    }

    void onBackward(Var out, Runnable r) {
        if (out.needsGrad) {
            // an output no gradient reached (e.g. the state after the last step) has nothing to
            // propagate: skipping it saves the work and never reads a null gradient
            backward.add(
                    () -> {
                        if (out.hasGrad()) {
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
        if (loss.rows() != 1 || loss.cols() != 1) {
            throw new IllegalArgumentException("loss must be a scalar, got " + loss.shape());
        }
        if (gpu != null) {
            gpu.seedLoss(loss);
        } else {
            loss.gradData()[0] = 1f;
        }
        for (int i = backward.size() - 1; i >= 0; i--) {
            backward.get(i).run();
        }
        backward.clear();
    }

    // ---------------------------------------------------------------- ops, by family

    /** {@code a . w} (R x K times K x C). */
    public Var matmul(Var a, Var w) {
        return gpu != null ? gpu.matmul(a, w) : LinearOps.matmul(this, a, w);
    }

    /** {@code a + bias} with a 1 x C bias broadcast over rows. */
    public Var addBias(Var a, Var bias) {
        return gpu != null ? gpu.addBias(a, bias) : LinearOps.addBias(this, a, bias);
    }

    /**
     * {@code x . W + b} as one op: the bias is added in place to the product, so a layer allocates
     * and records one output instead of two (the same arithmetic as matmul then addBias).
     */
    public Var linear(Var x, Param wp, Param bp) {
        return gpu != null
                ? gpu.linear(x, param(wp), param(bp))
                : LinearOps.linear(this, x, wp, bp);
    }

    public Var add(Var a, Var b) {
        return gpu != null ? gpu.add(a, b) : ElementwiseOps.add(this, a, b);
    }

    public Var sub(Var a, Var b) {
        return gpu != null ? gpu.add(a, gpu.scale(b, -1f)) : ElementwiseOps.sub(this, a, b);
    }

    public Var mul(Var a, Var b) {
        return gpu != null ? gpu.mul(a, b) : ElementwiseOps.mul(this, a, b);
    }

    /** {@code a (R x C) * col (R x 1)} broadcast across columns. */
    public Var mulColumn(Var a, Var col) {
        return gpu != null ? gpu.mulColumn(a, col) : ElementwiseOps.mulColumn(this, a, col);
    }

    /** {@code col (R x 1)} repeated to R x C. */
    public Var repeatColumn(Var col, int c) {
        return gpu != null ? gpu.repeatColumn(col, c) : ElementwiseOps.repeatColumn(this, col, c);
    }

    public Var scale(Var a, float k) {
        return gpu != null ? gpu.scale(a, k) : ElementwiseOps.scale(this, a, k);
    }

    /**
     * Branch-free both ways: on values of random sign a compare-and-branch per element mispredicts
     * half the time (3.5 ms forward and 2.9 ms backward on 311k floats against 0.4-0.8 and 0.4-0.7
     * ms this way; the SDL's coefficient networks run several per frame).
     */
    public Var relu(Var a) {
        return gpu != null ? gpu.relu(a) : ElementwiseOps.relu(this, a);
    }

    public Var tanh(Var a) {
        return gpu != null ? gpu.tanh(a) : ElementwiseOps.tanh(this, a);
    }

    /**
     * Fused GRU update (PyTorch gate order r, z, n): given the input projection {@code gx} and
     * hidden projection {@code gh} (both R x 3H, without biases), their biases {@code bx} and
     * {@code bh} (1 x 3H) and the hidden state {@code h} (R x H), returns {@code h' = (1 - z) * n +
     * z * h} with {@code r = s(gx_r + bx_r + gh_r + bh_r)}, {@code z = s(gx_z + bx_z + gh_z +
     * bh_z)}, {@code n = tanh(gx_n + bx_n + r * (gh_n + bh_n))}. One op instead of ten keeps the
     * step cheap; the biases added here spare the products a pass that tiles them into their
     * outputs and a copy of those outputs into the BLAS buffers.
     */
    public Var gru(Var gx, Var gh, Var h, Var bx, Var bh) {
        return gpu != null
                ? gpu.gru(gpu.addBias(gx, bx), gpu.addBias(gh, bh), h)
                : GruOps.gru(this, gx, gh, h, bx, bh);
    }

    /** Columns side by side; all inputs have the same number of rows. */
    public Var concatCols(Var... parts) {
        return gpu != null ? gpu.concatCols(parts) : ShapeOps.concatCols(this, parts);
    }

    /** Columns {@code [from, to)}. */
    public Var sliceCols(Var a, int from, int to) {
        return gpu != null ? gpu.sliceCols(a, from, to) : ShapeOps.sliceCols(this, a, from, to);
    }

    /**
     * Rows {@code [from, to)}: a block of a weight matrix, for a layer whose input is a
     * concatenation computed part by part.
     */
    public Var sliceRows(Var a, int from, int to) {
        return gpu != null ? gpu.sliceRows(a, from, to) : ShapeOps.sliceRows(this, a, from, to);
    }

    /** Rows {@code a[index[e]]}: node values onto edges. */
    public Var gatherRows(Var a, int[] index) {
        return gpu != null ? gpu.gatherRows(a, index) : GraphOps.gatherRows(this, a, index);
    }

    /**
     * {@code base + x[index]}: row e of {@code base} plus row {@code index[e]} of {@code x}. The
     * same as {@code add(base, gatherRows(x, index))} without the gathered rows and a copy of their
     * gradient (an edge-sized pair per use: a fifth of PA-DGN's training allocation with the edge
     * projection of {@code RecurrentGnBlock}).
     */
    public Var addGatheredRows(Var base, Var x, int[] index) {
        return gpu != null
                ? gpu.addGatheredRows(base, x, index)
                : GraphOps.addGatheredRows(this, base, x, index);
    }

    /** Sum of rows {@code a[e]} into row {@code index[e]} of an {@code n x C} result. */
    public Var scatterAddRows(Var a, int[] index, int n) {
        return gpu != null
                ? gpu.scatterAddRows(a, index, n)
                : GraphOps.scatterAddRows(this, a, index, n);
    }

    /** A fixed linear operator applied to a column of node values (N x 1 -> M x 1). */
    public Var sparse(Var f, io.physcast.model.operators.SparseOperator op) {
        return gpu != null ? gpu.sparse(f, op) : GraphOps.sparse(this, f, op);
    }

    /**
     * Mean of {@code (pred - target)^2} over the entries where {@code mask} is non-zero (mask may
     * be null: all entries). Returns 1 x 1; zero when nothing is observed.
     */
    public Var maskedMse(Var pred, Tensor target, float[] mask) {
        return maskedMse(pred, target, mask, observed(mask, pred.size()));
    }

    /**
     * The same sum of squares over {@code count} entries instead of this tape's observed ones: one
     * part of a batch whose parts are summed (the batch's count; at least 1).
     */
    public Var maskedMse(Var pred, Tensor target, float[] mask, int count) {
        return gpu != null
                ? gpu.maskedMse(pred, target, mask, Math.max(count, 1))
                : LossOps.maskedMse(this, pred, target, mask, Math.max(count, 1));
    }

    /** The entries a mask observes (all when it is null). */
    public static int observed(float[] mask, int size) {
        if (mask == null) {
            return size;
        }
        int count = 0;
        for (float m : mask) {
            if (m != 0f) {
                count++;
            }
        }
        return count;
    }

    static void check(boolean ok, String op, Var a, Var b) {
        if (!ok) {
            throw new IllegalArgumentException(
                    op + ": incompatible shapes " + a.shape() + " and " + b.shape());
        }
    }
}
