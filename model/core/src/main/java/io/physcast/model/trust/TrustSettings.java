package io.physcast.model.trust;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How forecasts are guarded and given intervals ({@link Trust}). The defaults were fixed before any
 * replay was scored with them, from the reasoning in their comments, and are not tuned on a data
 * set.
 *
 * @param levels nominal coverage of each interval, ascending in (0, 1) (0.8: the 10% and 90%
 *     quantiles)
 * @param window W: the recent windows the expert errors and station scales average over (a running
 *     mean for the first W, then an exponential average with weight 1/W)
 * @param sharpness how fast the guard's weight leaves a worse forecast: weight ratio {@code
 *     exp(-sharpness x relative MAE gap)}
 * @param quantileStep how far a scaled quantile moves inward at most per window, in units of a
 *     station's mean absolute error
 * @param warmupWindows scored windows of a horizon before its intervals are emitted
 */
public record TrustSettings(
        double[] levels, int window, double sharpness, double quantileStep, int warmupWindows)
        implements Serializable {
    /**
     * 80% intervals; W = 48 windows (the job's default adaptation window: two days of hours); a 10%
     * worse forecast keeps e^-3 = 5% of the weight, one within 1% keeps three quarters (near ties
     * are averaged, which is where averaging helps); a quantile moves inward at most 0.05 MAE per
     * window (20 windows to cross one MAE), outward faster when residuals fall beyond it; 12 scored
     * windows before intervals.
     */
    public static final TrustSettings DEFAULT =
            new TrustSettings(new double[] {0.8}, 48, 30, 0.05, 12);

    /**
     * A scaled quantile's start, in units of the mean absolute error: the 10%/90% quantiles of a
     * Gaussian and of a Laplace distribution both lie 1.61 MAE from the centre; other levels take
     * the Gaussian's (a Gaussian of mean absolute error 1 has standard deviation sqrt(pi / 2)).
     */
    static double startQuantile(double tau) {
        return new NormalDistribution(0, Math.sqrt(Math.PI / 2)).inverseCumulativeProbability(tau);
    }

    public TrustSettings {
        levels = levels.clone();
        if (levels.length == 0) {
            throw new IllegalArgumentException("--interval-levels: at least one level");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && levels[i] <= levels[i - 1])) {
                throw new IllegalArgumentException(
                        "--interval-levels: ascending numbers in (0, 1), got "
                                + Arrays.toString(levels));
            }
        }
        if (window < 1 || !(sharpness >= 0) || !(quantileStep > 0) || warmupWindows < 0) {
            throw new IllegalArgumentException(
                    "trust settings: window >= 1, sharpness >= 0, quantile step > 0, warm-up >= 0");
        }
    }

    /** The same with other interval levels. */
    public TrustSettings withLevels(double... other) {
        return new TrustSettings(other, window, sharpness, quantileStep, warmupWindows);
    }

    @Override
    public double[] levels() {
        return levels.clone();
    }

    public int levelCount() {
        return levels.length;
    }

    public double level(int j) {
        return levels[j];
    }

    /**
     * The probability of quantile {@code q}: for level j, {@code q = 2j} is the lower bound's (1 -
     * level) / 2 and {@code q = 2j + 1} the upper bound's (1 + level) / 2.
     */
    public double tau(int q) {
        double l = levels[q / 2];
        return q % 2 == 0 ? (1 - l) / 2 : (1 + l) / 2;
    }
}
