package io.physcast.model.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class TrustTest {
    private static final int STATIONS = 20;

    /** Simulates windows of one horizon; returns [covered fraction per level..., calm, noisy]. */
    private static double[] coverage(
            TrustSettings settings, DoubleSupplier noise, int windows, long seed) {
        Trust trust = new Trust(settings);
        TrustState st = TrustState.start(settings, 1, 1, STATIONS);
        SplittableRandom r = new SplittableRandom(seed);
        int levels = settings.levelCount();
        long[] covered = new long[levels];
        long[] byStation = new long[2];
        long draws = 0;
        long perStation = 0;
        for (int w = 0; w < windows; w++) {
            float[][][] experts = new float[1][1][STATIONS];
            double[] truth = new double[STATIONS];
            for (int i = 0; i < STATIONS; i++) {
                truth[i] = 10 * Math.sin(w / 7.0 + i);
                experts[0][0][i] = (float) truth[i];
            }
            Trust.Issued issued = trust.issue(st, experts);
            Trust.Window win = trust.window(1, 1, STATIONS);
            for (int i = 0; i < STATIONS; i++) {
                double scale = 0.2 + 0.5 * i; // stations differ 50-fold
                double y = truth[i] + scale * noise.getAsDouble();
                if (issued.intervals()[0]) {
                    for (int j = 0; j < levels; j++) {
                        boolean in =
                                y >= issued.bound(2 * j, 0, i)
                                        && y <= issued.bound(2 * j + 1, 0, i);
                        covered[j] += in ? 1 : 0;
                        if (j == 0 && (i == 0 || i == STATIONS - 1)) {
                            byStation[i == 0 ? 0 : 1] += in ? 1 : 0;
                        }
                    }
                    draws++;
                    perStation += i == 0 ? 1 : 0;
                }
                win.add(
                        0,
                        i,
                        new float[] {experts[0][0][i]},
                        issued.weights()[0],
                        issued.scale()[0][i],
                        issued.quantiles()[0],
                        y);
            }
            trust.update(st, win);
        }
        double[] out = new double[levels + 2];
        for (int j = 0; j < levels; j++) {
            out[j] = (double) covered[j] / draws;
        }
        out[levels] = (double) byStation[0] / perStation;
        out[levels + 1] = (double) byStation[1] / perStation;
        assertTrue(draws >= 10_000, "draws " + draws);
        return out;
    }

    @Test
    void intervalsCoverTheirNominalLevelOnResidualsOfKnownDistribution() {
        TrustSettings s = TrustSettings.DEFAULT.withLevels(0.5, 0.8, 0.95);
        SplittableRandom r = new SplittableRandom(3);
        DoubleSupplier gaussian =
                () -> {
                    double u = r.nextDouble(1e-12, 1);
                    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
                };
        DoubleSupplier skewed = () -> -Math.log(r.nextDouble(1e-12, 1)) - 1; // exponential, mean 0
        DoubleSupplier heavy = () -> gaussian.getAsDouble() / Math.max(0.2, r.nextDouble());
        for (DoubleSupplier noise : new DoubleSupplier[] {gaussian, skewed, heavy}) {
            double[] c = coverage(s, noise, 12 + 10_000 / STATIONS, 1);
            assertEquals(0.5, c[0], 0.02, "50%");
            assertEquals(0.8, c[1], 0.02, "80%");
            assertEquals(0.95, c[2], 0.02, "95%");
            // the per-station scale: the calmest and the noisiest station are both covered
            assertEquals(0.5, c[3], 0.1, "calm station at 50%");
            assertEquals(0.5, c[4], 0.1, "noisy station at 50%");
        }
    }

    @Test
    void aShortStreamOfHeavyTailedCommonShocksIsCoveredFromTheEndOfTheWarmUp() {
        // 110 daily windows of 70 stations: residuals share a window-wide shock (an episode hits
        // every station) and have heavy tails, so the scale (a mean) is far above the median
        int windows = 110;
        int stations = 70;
        double[] coverage = new double[10];
        for (int seed = 0; seed < coverage.length; seed++) {
            SplittableRandom r = new SplittableRandom(100 + seed);
            boolean skewed = seed % 2 == 1;
            Trust trust = new Trust(TrustSettings.DEFAULT);
            TrustState st = TrustState.start(TrustSettings.DEFAULT, 1, 1, stations);
            long in = 0;
            long all = 0;
            for (int w = 0; w < windows; w++) {
                float[][][] experts = new float[1][1][stations];
                Trust.Issued issued = trust.issue(st, experts);
                Trust.Window win = trust.window(1, 1, stations);
                double shock = r.nextGaussian() / Math.max(0.1, r.nextDouble());
                for (int i = 0; i < stations; i++) {
                    // or log-normal residuals around their median, as a skewed variable's
                    double y =
                            (1 + i % 5)
                                    * (skewed
                                            ? Math.exp(1.5 * r.nextGaussian()) - 1
                                            : shock
                                                    + r.nextGaussian()
                                                            / Math.max(0.1, r.nextDouble()));
                    if (issued.intervals()[0]) {
                        in += y >= issued.bound(0, 0, i) && y <= issued.bound(1, 0, i) ? 1 : 0;
                        all++;
                    }
                    win.add(
                            0,
                            i,
                            new float[] {0},
                            issued.weights()[0],
                            issued.scale()[0][i],
                            issued.quantiles()[0],
                            y);
                }
                trust.update(st, win);
            }
            coverage[seed] = (double) in / all;
        }
        System.out.println("short stream coverage " + java.util.Arrays.toString(coverage));
        double mean = java.util.Arrays.stream(coverage).average().orElseThrow();
        assertEquals(0.8, mean, 0.03, java.util.Arrays.toString(coverage));
    }

    @Test
    void theGuardFollowsTheBetterForecastAndNeverFallsBehindIt() {
        Trust trust = new Trust(TrustSettings.DEFAULT);
        TrustState st = TrustState.start(TrustSettings.DEFAULT, 1, 2, STATIONS);
        SplittableRandom r = new SplittableRandom(9);
        double[] abs = new double[3]; // emitted, model, simple; second half only
        for (int w = 0; w < 600; w++) {
            // the model is better for 300 windows, then clearly worse (a broken model)
            double modelNoise = w < 300 ? 1 : 3;
            float[][][] experts = new float[2][1][STATIONS];
            double[] y = new double[STATIONS];
            for (int i = 0; i < STATIONS; i++) {
                y[i] = r.nextGaussian() * 5;
                experts[0][0][i] = (float) (y[i] + modelNoise * r.nextGaussian());
                experts[1][0][i] = (float) (y[i] + 2 * r.nextGaussian());
            }
            Trust.Issued issued = trust.issue(st, experts);
            Trust.Window win = trust.window(1, 2, STATIONS);
            for (int i = 0; i < STATIONS; i++) {
                float[] v = {experts[0][0][i], experts[1][0][i]};
                double central =
                        win.add(
                                0,
                                i,
                                v,
                                issued.weights()[0],
                                Float.NaN,
                                issued.quantiles()[0],
                                y[i]);
                if (w % 300 >= 100) {
                    int half = w < 300 ? 0 : 1;
                    abs[0] += half == 1 ? Math.abs(central - y[i]) : 0;
                    abs[1] += half == 1 ? Math.abs(v[0] - y[i]) : 0;
                    abs[2] += half == 1 ? Math.abs(v[1] - y[i]) : 0;
                }
            }
            trust.update(st, win);
            if (w == 299) {
                assertTrue(issued.weights()[0][0] > 0.9, "the better model leads");
            }
        }
        assertTrue(st.loss[0][0] > st.loss[0][1]);
        assertTrue(
                abs[0] <= Math.min(abs[1], abs[2]) * 1.01,
                "emitted " + abs[0] + " vs model " + abs[1] + ", simple " + abs[2]);
    }

    @Test
    void nearTiesAreAveragedAndTheModelLeadsBeforeAnyScore() {
        Trust trust = new Trust(TrustSettings.DEFAULT);
        float[] w = trust.weights(new double[] {Double.NaN, Double.NaN});
        assertEquals(1f, w[0]);
        assertEquals(0f, w[1]);
        w = trust.weights(new double[] {1.0, 1.0});
        assertEquals(0.5f, w[0], 1e-6);
        w = trust.weights(new double[] {1.1, 1.0});
        assertEquals(Math.exp(-3) / (1 + Math.exp(-3)), w[0], 1e-6);
        assertEquals(2.5, Trust.combine(new float[] {0.5f, 0.5f}, new float[] {2, 3}), 1e-9);
        assertEquals(3, Trust.combine(new float[] {0.5f, 0.5f}, new float[] {Float.NaN, 3}), 1e-9);
    }
}
