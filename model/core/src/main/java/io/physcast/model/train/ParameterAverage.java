package io.physcast.model.train;

import io.physcast.model.autodiff.Param;
import io.physcast.model.nn.ParamSet;

/**
 * Exponential moving average of a network's parameters (Polyak averaging). Small batches of
 * free-running rollouts make single optimiser steps noisy: validation losses of the raw parameters
 * jumped by 20-50% between checks 25 iterations apart, so the checkpoint early stopping chose was
 * close to a draw. The average is what gets validated and kept.
 *
 * <p>The decay ramps up as {@code min(decay, (1 + t) / (10 + t))} so that the average is not
 * dominated by the initial parameters early on.
 */
final class ParameterAverage {
    private final ParamSet params;
    private final float decay;
    private final float[][] average;
    private int updates;

    ParameterAverage(ParamSet params, float decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("averaging decay must be in (0, 1), got " + decay);
        }
        this.params = params;
        this.decay = decay;
        this.average = params.snapshot();
    }

    /** Folds the current parameters into the average (after each optimiser step). */
    void update() {
        updates++;
        float d = Math.min(decay, (1f + updates) / (10f + updates));
        int i = 0;
        for (Param p : params.all()) {
            float[] a = average[i++];
            float[] w = p.value.data;
            for (int k = 0; k < a.length; k++) {
                a[k] = d * a[k] + (1 - d) * w[k];
            }
        }
    }

    /** The averaged values, in {@link ParamSet#snapshot()} order. */
    float[][] values() {
        return average;
    }
}
