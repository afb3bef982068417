package io.physcast.model.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetaTaskGeneratorTest {
    @Test
    void exactDerivativesMatchFiniteDifferencesOnADenseGrid() {
        double h = 1e-3; // grid spacing; central differences are O(h^2) accurate
        for (int wave = 1; wave <= 3; wave++) {
            FourierField f = new FourierField(6, wave, new SplittableRandom(wave));
            double worst = 0;
            double scale = 0;
            for (int gx = 0; gx < 40; gx++) {
                for (int gy = 0; gy < 40; gy++) {
                    double x = 2 * Math.PI * gx / 40;
                    double y = 2 * Math.PI * gy / 40;
                    double fx = (f.value(x + h, y) - f.value(x - h, y)) / (2 * h);
                    double fy = (f.value(x, y + h) - f.value(x, y - h)) / (2 * h);
                    double lap =
                            (f.value(x + h, y)
                                            + f.value(x - h, y)
                                            + f.value(x, y + h)
                                            + f.value(x, y - h)
                                            - 4 * f.value(x, y))
                                    / (h * h);
                    worst = Math.max(worst, Math.abs(fx - f.dx(x, y)));
                    worst = Math.max(worst, Math.abs(fy - f.dy(x, y)));
                    worst = Math.max(worst, Math.abs(lap - f.laplacian(x, y)));
                    scale = Math.max(scale, Math.abs(f.laplacian(x, y)));
                }
            }
            assertTrue(scale > 0.5, "a field that fluctuates");
            assertTrue(worst < 1e-4, "wave " + wave + ": worst difference " + worst);
        }
    }

    @Test
    void tasksVaryInSizeDensityAndFluctuationAndLabelTheirNodes() {
        MetaTaskGenerator gen = MetaTaskGenerator.defaults();
        Set<Integer> sizes = new HashSet<>();
        Set<Integer> ks = new HashSet<>();
        Set<Integer> waves = new HashSet<>();
        double[] lapScale = new double[4];
        int[] count = new int[4];
        for (int s = 0; s < 60; s++) {
            MetaTask t = gen.draw(s);
            sizes.add(t.support().nodes());
            ks.add(t.k());
            waves.add(t.maxWave());
            assertTrue(t.support().nodes() >= 100 && t.support().nodes() <= 400);
            for (MetaTask.Sample smp : new MetaTask.Sample[] {t.support(), t.query()}) {
                assertEquals(smp.nodes(), smp.graph().nodes());
                assertEquals(smp.nodes(), smp.labels().length);
                for (float[] lab : smp.labels()) {
                    lapScale[t.maxWave()] += Math.abs(lab[2]);
                    count[t.maxWave()]++;
                }
            }
        }
        assertTrue(sizes.size() > 30, "node counts vary");
        assertEquals(Set.of(3, 4, 5, 6), ks);
        assertEquals(Set.of(1, 2, 3), waves);
        // fluctuation: larger waves give larger derivatives
        assertTrue(lapScale[3] / count[3] > lapScale[1] / count[1] * 2);
    }

    @Test
    void aSeedGivesTheSameTask() {
        MetaTask a = MetaTaskGenerator.defaults().draw(7);
        MetaTask b = MetaTaskGenerator.defaults().draw(7);
        assertArrayEquals(a.query().values(), b.query().values());
        assertEquals(a.support().graph(), b.support().graph());
    }
}
