package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SequenceUnrollerTest {
    private static final GraphInputs GRAPH = new GraphInputs(TestGraphs.knn(10, 4));
    private static final int INPUT = 3;
    private static final int HORIZON = 4;

    @Test
    void withoutFeedbackGradientsAPredictionLearnsOnlyFromItsOwnStep() {
        Window w = window();
        SequenceUnroller.Unrolled cut = unroll(w, false);
        SequenceUnroller.Unrolled through = unroll(w, true);
        assertEquals(
                through.loss().value.data[0],
                cut.loss().value.data[0],
                "cutting gradients leaves the forward pass as it is");

        // the first forecast is fed in as the next input; cut, its gradient is its own MSE term's
        float[] first = cut.predictions().get(0).value.data;
        float[] target = w.values()[INPUT];
        float[] grad = cut.predictions().get(0).grad().data;
        float[] gradThrough = through.predictions().get(0).grad().data;
        double largestFeedback = 0;
        for (int i = 0; i < first.length; i++) {
            float own = 2f / first.length * (first[i] - target[i]);
            assertEquals(own, grad[i], 1e-6, "node " + i);
            largestFeedback = Math.max(largestFeedback, Math.abs(gradThrough[i] - own));
        }
        assertTrue(
                largestFeedback > 1e-3,
                "with feedback gradients later steps add to it: " + largestFeedback);
    }

    private static SequenceUnroller.Unrolled unroll(Window w, boolean feedbackGradients) {
        // a fresh network per unroll: same seed, same parameters, and its own gradients
        var model = new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 6, 2, 1, 3);
        for (var p : model.params().all()) { // a zero decoder would forecast persistence
            SplittableRandom r = new SplittableRandom(p.name.hashCode());
            for (int i = 0; i < p.value.size(); i++) {
                p.value.data[i] += (float) (0.1 * r.nextGaussian());
            }
        }
        Tape t = Tape.training();
        var u = new SequenceUnroller(model, INPUT, HORIZON, feedbackGradients);
        SequenceUnroller.Unrolled out = u.unroll(t, GRAPH, List.of(w), 0, null);
        t.backward(out.loss());
        return out;
    }

    /** Random values; a gap in the warm-up (filled by prediction), every target observed. */
    private static Window window() {
        SplittableRandom r = new SplittableRandom(8);
        float[][] v = new float[INPUT + HORIZON][GRAPH.nodes];
        float[][] o = new float[INPUT + HORIZON][GRAPH.nodes];
        for (int s = 0; s < v.length; s++) {
            for (int i = 0; i < GRAPH.nodes; i++) {
                v[s][i] = (float) r.nextGaussian();
                o[s][i] = 1f;
            }
        }
        o[1][2] = 0f;
        return new Window(v, o);
    }
}
