package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/** Losses: the implementations behind {@link Tape}'s methods of this family. */
final class LossOps {
    private LossOps() {}

    /** The sum of squared errors over the observed entries, divided by {@code n} (>= 1). */
    static Var maskedMse(Tape t, Var pred, Tensor target, float[] mask, int n) {
        Tape.check(pred.value.sameShape(target), "maskedMse", pred, pred);
        float[] p = pred.value.data;
        float[] y = target.data;
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (mask == null || mask[i] != 0f) {
                double d = p[i] - y[i];
                sum += d * d;
            }
        }
        Var r = t.result(new Tensor(1, 1, new float[] {(float) (sum / n)}), pred);
        t.onBackward(
                r,
                () -> {
                    float g = r.grad.data[0] * 2f / n;
                    float[] gp = pred.gradData();
                    for (int i = 0; i < p.length; i++) {
                        if (mask == null || mask[i] != 0f) {
                            gp[i] += g * (p[i] - y[i]);
                        }
                    }
                });
        return r;
    }
}
