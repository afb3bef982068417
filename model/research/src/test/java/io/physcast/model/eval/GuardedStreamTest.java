package io.physcast.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.trust.TrustSettings;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GuardedStreamTest {
    private static final int H = 3;
    private static final int NODES = 25;

    /** Forecasts [h][frame][node] of the truth with noise of this size (none for frames < 2). */
    private static double[][][] noisy(double[][] truth, double noise, SplittableRandom r) {
        double[][][] f = new double[H][truth.length][NODES];
        for (int h = 0; h < H; h++) {
            for (int t = 0; t < truth.length; t++) {
                for (int i = 0; i < NODES; i++) {
                    f[h][t][i] =
                            t < 2 ? Double.NaN : truth[t][i] + noise * (h + 1) * r.nextGaussian();
                }
            }
        }
        return f;
    }

    @Test
    void theGuardKeepsToTheBetterForecastsAndTheIntervalsCoverTheirLevel() {
        SplittableRandom r = new SplittableRandom(4);
        int frames = 600;
        double[][] truth = new double[frames][NODES];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < NODES; i++) {
                truth[t][i] = 20 + 5 * Math.sin(t / 5.0 + i);
            }
        }
        double[][][] good = noisy(truth, 1, r);
        double[][][] poor = noisy(truth, 2, r);
        GuardedStream.Scores alone =
                new GuardedStream(TrustSettings.DEFAULT, H, 1, NODES)
                        .run(List.<double[][][]>of(good), truth);
        GuardedStream.Scores guarded =
                new GuardedStream(TrustSettings.DEFAULT, H, 2, NODES)
                        .run(List.of(poor, good), truth);
        for (int h = 1; h <= H; h++) {
            assertTrue(
                    guarded.errors().mae(h) <= alone.errors().mae(h) * 1.02,
                    "h" + h + ": " + guarded.errors().mae(h) + " vs " + alone.errors().mae(h));
            assertEquals(0.8, alone.coverage()[h - 1], 0.03, "coverage h" + h);
            assertEquals(0.8, guarded.coverage()[h - 1], 0.03, "coverage h" + h);
            // Gaussian noise of sd s: an 80% interval is 2 x 1.2816 s wide
            assertEquals(2 * 1.2816 * h, alone.width()[h - 1], 0.15 * h, "width h" + h);
        }
    }
}
