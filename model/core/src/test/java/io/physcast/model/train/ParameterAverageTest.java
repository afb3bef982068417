package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.physcast.model.autodiff.Param;
import io.physcast.model.nn.ParamSet;
import org.junit.jupiter.api.Test;

class ParameterAverageTest {
    @Test
    void averagesWithADecayThatRampsUpToItsLimit() {
        ParamSet ps = new ParamSet(1);
        Param p = ps.bias("b", 2);
        p.value.data[0] = 1f;
        p.value.data[1] = -2f;
        ParameterAverage avg = new ParameterAverage(ps, 0.5f);
        p.value.data[0] = 3f;
        p.value.data[1] = 0f;
        avg.update(); // decay min(0.5, 2/11)
        float d1 = 2f / 11;
        float a0 = d1 * 1f + (1 - d1) * 3f;
        float a1 = d1 * -2f;
        assertArrayEquals(new float[] {a0, a1}, avg.values()[0], 1e-6f);
        for (int i = 0; i < 20; i++) {
            avg.update(); // (1 + t) / (10 + t) passes 0.5 at t = 8: from then on 0.5
        }
        p.value.data[0] = 5f;
        float[] before = avg.values()[0].clone();
        avg.update();
        assertArrayEquals(
                new float[] {0.5f * before[0] + 0.5f * 5f, 0.5f * before[1]},
                avg.values()[0],
                1e-6f);
    }

    @Test
    void rejectsADecayOutsideTheOpenUnitInterval() {
        ParamSet ps = new ParamSet(1);
        assertThrows(IllegalArgumentException.class, () -> new ParameterAverage(ps, 1f));
        assertThrows(IllegalArgumentException.class, () -> new ParameterAverage(ps, 0f));
    }
}
