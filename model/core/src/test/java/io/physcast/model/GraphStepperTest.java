package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import org.junit.jupiter.api.Test;

class GraphStepperTest {
    private final GraphStepper stepper =
            new GraphStepper(
                    new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 16, 4, 2, 1),
                    new GraphInputs(TestGraphs.knn(30, 5)));

    private static float[] frame(int t) {
        float[] f = new float[30];
        for (int i = 0; i < 30; i++) {
            f[i] = (float) Math.sin(0.3 * i + 0.5 * t);
        }
        return f;
    }

    @Test
    void steppingFromARestoredStateGivesTheSameOutput() {
        HiddenState s = stepper.initialState();
        for (int t = 0; t < 4; t++) {
            s = stepper.step(s, frame(t)).state();
        }
        HiddenState restored = rebuild(s);
        assertEquals(s, restored);
        GraphStepper.Rollout a = stepper.advanceAndForecast(s, frame(4), 6);
        GraphStepper.Rollout b = stepper.advanceAndForecast(restored, frame(4), 6);
        for (int h = 0; h < 6; h++) {
            assertArrayEquals(a.forecasts()[h], b.forecasts()[h]);
        }
        assertEquals(a.state(), b.state());
    }

    @Test
    void theStateCarriesInformationBetweenSteps() {
        float[] fromZero = stepper.step(stepper.initialState(), frame(4)).prediction();
        HiddenState warmed = stepper.step(stepper.initialState(), frame(0)).state();
        float[] fromWarm = stepper.step(warmed, frame(4)).prediction();
        assertNotEquals(fromZero[0], fromWarm[0]);
    }

    /** The step reads its input state's arrays without copying them; it must not write them. */
    @Test
    void aStepLeavesItsInputStateAsItWas() {
        HiddenState s = stepper.initialState();
        for (int t = 0; t < 3; t++) {
            s = stepper.step(s, frame(t)).state();
        }
        HiddenState before = rebuild(s);
        stepper.advanceAndForecast(s, frame(3), 6);
        assertEquals(before, s);
    }

    /** Copies a state through its public plain values, as a serializer would. */
    static HiddenState rebuild(HiddenState s) {
        io.physcast.model.padgn.StateKind[] k = new io.physcast.model.padgn.StateKind[s.size()];
        int[] r = new int[s.size()];
        int[] c = new int[s.size()];
        float[][] d = new float[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            k[i] = s.kind(i);
            r[i] = s.rows(i);
            c[i] = s.cols(i);
            d[i] = s.values(i);
        }
        return new HiddenState(k, r, c, d);
    }
}
