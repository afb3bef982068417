package io.physcast.model.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvectionDiffusionTest {
    private static final int N = ConvectionDiffusion.GRID;

    @Test
    void eulerStepFollowsThePdeAtEveryCell() {
        ConvectionDiffusion system = new ConvectionDiffusion();
        double[] f = system.initial(new SplittableRandom(4));
        double[] before = f.clone();
        system.eulerStep(f, 1e-3);
        double h = 2 * Math.PI / N;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double x = i * h;
                double y = j * h;
                double a = 0.5 * (Math.cos(y) + x * (2 * Math.PI - x) * Math.sin(x)) + 0.6;
                double b = 2 * (Math.cos(y) + Math.sin(x)) + 0.8;
                double c =
                        0.5 * (1 - Math.hypot(x - Math.PI, y - Math.PI) / (Math.sqrt(2) * Math.PI));
                double fx = (at(before, i + 1, j) - at(before, i - 1, j)) / (2 * h);
                double fy = (at(before, i, j + 1) - at(before, i, j - 1)) / (2 * h);
                double lap =
                        (at(before, i + 1, j)
                                        + at(before, i - 1, j)
                                        + at(before, i, j + 1)
                                        + at(before, i, j - 1)
                                        - 4 * at(before, i, j))
                                / (h * h);
                double rhs = a * fx + b * fy + c * lap;
                double dfdt = (f[i * N + j] - before[i * N + j]) / 1e-3;
                worst = Math.max(worst, Math.abs(dfdt - rhs));
                scale = Math.max(scale, Math.abs(rhs));
            }
        }
        assertTrue(worst < 1e-9 * scale, "worst " + worst + " of " + scale);
    }

    @Test
    void twentyFramesStayBoundedAndDeterministic() {
        ConvectionDiffusion system = new ConvectionDiffusion();
        double[] f = system.initial(new SplittableRandom(9));
        double[] g = system.initial(new SplittableRandom(9));
        double max0 = maxAbs(f);
        for (int t = 0; t < 20; t++) {
            system.advance(f);
            system.advance(g);
        }
        assertTrue(maxAbs(f) < 2 * max0, "grew from " + max0 + " to " + maxAbs(f));
        assertEquals(0, java.util.Arrays.compare(f, g));
    }

    private static double at(double[] f, int i, int j) {
        return f[((i + N) % N) * N + (j + N) % N];
    }

    private static double maxAbs(double[] f) {
        double m = 0;
        for (double v : f) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
