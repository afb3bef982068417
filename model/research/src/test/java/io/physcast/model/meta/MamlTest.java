package io.physcast.model.meta;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.autodiff.Param;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MamlTest {
    private static final int INNER = 2;
    private static final float ALPHA = 0.01f;

    private static List<SpatialDerivativeModel.Prepared[]> tasks(int count, long seed) {
        MetaTaskGenerator gen =
                new MetaTaskGenerator(60, 90, new int[] {4, 5}, new int[] {1, 2}, 4);
        List<SpatialDerivativeModel.Prepared[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Maml.prepare(gen.draw(seed + i)));
        }
        return out;
    }

    private static double meanAdapted(
            SpatialDerivativeModel m, List<SpatialDerivativeModel.Prepared[]> batch) {
        double s = 0;
        for (SpatialDerivativeModel.Prepared[] t : batch) {
            s += Maml.adaptedQueryLoss(m, t, INNER, ALPHA) / batch.size();
        }
        return s;
    }

    @Test
    void aStepAgainstTheMetaGradientLowersTheAdaptedQueryLoss() {
        SpatialDerivativeModel m = new SpatialDerivativeModel(8, 4, 3);
        List<SpatialDerivativeModel.Prepared[]> batch = tasks(4, 100);
        double before = meanAdapted(m, batch);
        float[][] init = m.params().snapshot();
        Maml.metaGradient(m, batch, INNER, ALPHA);
        float[][] after = m.params().snapshot();
        for (int i = 0; i < init.length; i++) {
            assertTrue(java.util.Arrays.equals(init[i], after[i]), "metaGradient leaves values");
        }
        double norm = 0;
        for (Param p : m.params().all()) {
            for (float g : p.grad.data) {
                norm += g * g;
            }
        }
        assertTrue(norm > 0, "a non-zero meta-gradient");
        float step = (float) (0.02 / Math.sqrt(norm));
        for (Param p : m.params().all()) {
            for (int j = 0; j < p.value.data.length; j++) {
                p.value.data[j] -= step * p.grad.data[j];
            }
            p.zeroGrad();
        }
        double stepped = meanAdapted(m, batch);
        assertTrue(stepped < before, "query loss after adaptation " + before + " -> " + stepped);
    }

    @Test
    void metaTrainingImprovesAdaptationOnUnseenTasks() {
        SpatialDerivativeModel m = new SpatialDerivativeModel(8, 4, 5);
        List<SpatialDerivativeModel.Prepared[]> heldOut = tasks(6, 9_000);
        double before = meanAdapted(m, heldOut);
        Maml.train(
                m,
                new MetaTaskGenerator(60, 90, new int[] {4, 5}, new int[] {1, 2}, 4),
                new Maml.Settings(30, 4, INNER, ALPHA, 3e-3f, 1),
                line -> {});
        double after = meanAdapted(m, heldOut);
        System.out.printf("held-out adapted query loss %.4f -> %.4f%n", before, after);
        assertTrue(after < 0.8 * before, "held-out adapted query loss " + before + " -> " + after);
    }
}
