package io.physcast.model.nn;

import io.physcast.model.autodiff.Param;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Adam with L2 weight decay added to the gradient (PyTorch's {@code Adam(weight_decay=...)}, as the
 * reference trains PA-DGN: lr 1e-3, weight decay 5e-4). Gradients are clipped by global norm to
 * keep long unrolled sequences stable.
 */
public final class Adam {
    private final float lr;
    private final float weightDecay;
    private final float clipNorm;
    private final Map<Param, float[][]> moments = new IdentityHashMap<>();
    private int step;

    public Adam(float lr, float weightDecay, float clipNorm) {
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
    }

    /**
     * The same step on a GPU mirror, with the gradients accumulated there; the new values are
     * copied back to the host parameters. A given optimiser steps one side only.
     */
    public void step(io.physcast.model.autodiff.DeviceParams params) {
        step++;
        params.adamStep(step, lr, weightDecay, clipNorm);
        params.download();
    }

    /** Applies and then zeroes the accumulated gradients of the unfrozen parameters. */
    public void step(Iterable<Param> params) {
        step++;
        double norm = 0;
        for (Param p : params) {
            if (!p.frozen()) {
                for (float g : p.grad.data) {
                    norm += (double) g * g;
                }
            }
        }
        norm = Math.sqrt(norm);
        float clip = (clipNorm > 0 && norm > clipNorm) ? (float) (clipNorm / norm) : 1f;
        double b1 = 0.9;
        double b2 = 0.999;
        float c1 = (float) (1 - Math.pow(b1, step));
        float c2 = (float) (1 - Math.pow(b2, step));
        for (Param p : params) {
            if (p.frozen()) {
                p.zeroGrad();
                continue;
            }
            float[][] mv = moments.computeIfAbsent(p, k -> new float[2][k.value.size()]);
            float[] m = mv[0];
            float[] v = mv[1];
            float[] w = p.value.data;
            float[] g = p.grad.data;
            for (int i = 0; i < w.length; i++) {
                float gi = g[i] * clip + weightDecay * w[i];
                m[i] = (float) (b1 * m[i] + (1 - b1) * gi);
                v[i] = (float) (b2 * v[i] + (1 - b2) * gi * gi);
                w[i] -= lr * (m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + 1e-8f);
            }
            p.zeroGrad();
        }
    }
}
