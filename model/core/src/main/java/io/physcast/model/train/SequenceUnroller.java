package io.physcast.model.train;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Unrolls a {@link StepModel} over a batch of windows (the disjoint union of their graphs): warm
 * the state on the first {@code inputLen} frames, then predict {@code horizon} frames
 * autoregressively. Shared by training and evaluation so both see the same rules:
 *
 * <ul>
 *   <li>a gap in the input is filled with the model's own prediction for that node (0, the
 *       normalised mean, before the first prediction);
 *   <li>during the forecast, with probability {@code teacherForcing} an observed truth replaces the
 *       prediction as the next input (scheduled sampling); 0 at evaluation;
 *   <li>without feedback gradients, a prediction fed in as a later input (either way) is a constant
 *       there: each step's loss then trains the step that made it and, through the hidden state,
 *       the steps before, but not through the chain of fed-back values, whose gradients grow
 *       geometrically once a model free-runs.
 * </ul>
 */
public final class SequenceUnroller {
    private final StepModel model;
    private final int inputLen;
    private final int horizon;
    private final boolean feedbackGradients;

    /** An unroller whose gradients flow through fed-back predictions. */
    public SequenceUnroller(StepModel model, int inputLen, int horizon) {
        this(model, inputLen, horizon, true);
    }

    public SequenceUnroller(StepModel model, int inputLen, int horizon, boolean feedbackGradients) {
        this.model = model;
        this.inputLen = inputLen;
        this.horizon = horizon;
        this.feedbackGradients = feedbackGradients;
    }

    public int length() {
        return inputLen + horizon;
    }

    /** Predictions for the forecast steps and the training loss (sum over steps of masked MSE). */
    public record Unrolled(List<Var> predictions, Var loss) {}

    public Unrolled unroll(
            Tape t,
            GraphInputs batchGraph,
            List<Window> batch,
            double teacherForcing,
            SplittableRandom random) {
        return unroll(t, batchGraph, batch, plan(batch, teacherForcing, random));
    }

    /**
     * What an unroll of a batch decides before it runs, so that parts of the batch unrolled apart
     * decide alike: which forecast steps are fed the truth, and each loss term's denominator (the
     * entries the whole batch observes at that step).
     */
    public record Plan(boolean[] teacherForced, int[] observed) {}

    /** The batch's plan; draws one coin per forecast step from {@code random} when forcing. */
    public Plan plan(List<Window> batch, double teacherForcing, SplittableRandom random) {
        int n = batch.get(0).nodes();
        int steps = inputLen + horizon - 1;
        boolean[] forced = new boolean[steps];
        int[] observed = new int[steps];
        for (int step = 0; step < steps; step++) {
            forced[step] =
                    step >= inputLen && teacherForcing > 0 && random.nextDouble() < teacherForcing;
            if (step + 1 >= inputLen) {
                observed[step] = Tape.observed(stack(batch, step + 1, n, true), batch.size() * n);
            }
        }
        return new Plan(forced, observed);
    }

    /** Unrolls {@code batch} (the whole batch of the plan, or a part of it) by the plan. */
    public Unrolled unroll(Tape t, GraphInputs batchGraph, List<Window> batch, Plan plan) {
        int n = batch.get(0).nodes();
        Var[] state = initialState(t, batchGraph);
        Var prev = null;
        List<Var> preds = new ArrayList<>();
        Var loss = null;
        for (int step = 0; step < inputLen + horizon - 1; step++) {
            float[] values = stack(batch, step, n, false);
            float[] observed = stack(batch, step, n, true);
            boolean forecasting = step >= inputLen;
            Var fedBack = prev == null || feedbackGradients ? prev : t.detach(prev);
            Var input;
            if (!forecasting || plan.teacherForced()[step]) {
                input = impute(t, values, observed, fedBack);
            } else {
                input = fedBack;
            }
            prev = model.step(t, batchGraph, input, state);
            if (step + 1 >= inputLen) {
                preds.add(prev);
                Tensor target = Tensor.column(stack(batch, step + 1, n, false));
                Var l =
                        t.maskedMse(
                                prev,
                                target,
                                stack(batch, step + 1, n, true),
                                plan.observed()[step]);
                loss = loss == null ? l : t.add(loss, l);
            }
        }
        return new Unrolled(preds, loss);
    }

    private Var[] initialState(Tape t, GraphInputs g) {
        HiddenState zero = HiddenState.zeros(model.stateSpec(), g);
        Var[] s = new Var[zero.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.constant(new Tensor(zero.rows(i), zero.cols(i), zero.values(i)));
        }
        return s;
    }

    /**
     * Observed values where present, else the previous prediction (else 0). Differentiable with
     * respect to the prediction.
     */
    public static Var impute(Tape t, float[] values, float[] observed, Var prediction) {
        boolean complete = true;
        float[] known = new float[values.length];
        float[] missing = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            if (observed[i] != 0f) {
                known[i] = values[i];
            } else {
                complete = false;
                missing[i] = 1f;
            }
        }
        Var k = t.constant(Tensor.column(known));
        if (complete || prediction == null) {
            return k;
        }
        return t.add(k, t.mul(t.constant(Tensor.column(missing)), prediction));
    }

    private static float[] stack(List<Window> batch, int step, int n, boolean mask) {
        float[] out = new float[batch.size() * n];
        for (int b = 0; b < batch.size(); b++) {
            Window w = batch.get(b);
            System.arraycopy(mask ? w.observed()[step] : w.values()[step], 0, out, b * n, n);
        }
        return out;
    }
}
