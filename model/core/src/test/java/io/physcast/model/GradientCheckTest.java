package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.baselines.NodeGru;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialDifferenceLayer;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.Tensor;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Backprop agrees with central finite differences. The networks are piecewise smooth (ReLU, masks):
 * a step that crosses a kink measures a different slope, and with the mesh operators' large
 * coefficients kinks lie within 1e-2 of the point (steps of 1e-2 even flip signs there; one RGN
 * tensor needs steps of 3e-5 before the difference settles on the backprop value within 0.1%),
 * while float32 rounding of the loss grows as the step shrinks. So each directional derivative is
 * taken at steps from 1e-3 down to 3e-5 and must agree with backprop at one of them within 2% plus
 * that step's rounding bound; a wrong gradient (a missing term, a factor, a sign) disagrees at
 * every step.
 */
class GradientCheckTest {
    private static final float[] STEPS = {1e-3f, 3e-4f, 1e-4f, 3e-5f};
    private static final GraphInputs GRAPH = new GraphInputs(TestGraphs.knn(12, 3));

    @Test
    void spatialDifferenceLayerGradientsMatchFiniteDifferences() {
        ParamSet ps = new ParamSet(7);
        SpatialDifferenceLayer sdl = new SpatialDifferenceLayer(ps, "sdl", 6, 2);
        Tensor f = randomColumn(GRAPH.nodes, 11);
        Function<Tape, Var> loss =
                t -> {
                    Var fv = t.constant(f);
                    Var g = sdl.gradient(t, GRAPH, fv);
                    Var l = sdl.laplacian(t, GRAPH, fv);
                    return t.add(
                            t.maskedMse(g, Tensor.zeros(g.rows(), g.cols()), null),
                            t.maskedMse(l, Tensor.zeros(l.rows(), l.cols()), null));
                };
        assertGradientsMatch(ps, loss);
    }

    @Test
    void padgnUnrolledLossGradientsMatchFiniteDifferences() {
        StepModel m = new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 6, 2, 2, 5);
        assertGradientsMatch(m.params(), unrolledLoss(m));
    }

    @Test
    void fixedOperatorRgnAndNodeGruGradientsMatchFiniteDifferences() {
        StepModel mesh = new RecurrentGraphNetwork(SpatialFeatures.MESH, 5, 2, 1, 5);
        assertGradientsMatch(mesh.params(), unrolledLoss(mesh));
        StepModel gru = new NodeGru(5, 2, 9);
        assertGradientsMatch(gru.params(), unrolledLoss(gru));
    }

    private static Function<Tape, Var> unrolledLoss(StepModel m) {
        SplittableRandom r = new SplittableRandom(1);
        float[][] v = new float[5][GRAPH.nodes];
        float[][] obs = new float[5][GRAPH.nodes];
        for (int t = 0; t < 5; t++) {
            for (int i = 0; i < GRAPH.nodes; i++) {
                v[t][i] = (float) r.nextGaussian();
                obs[t][i] = r.nextDouble() < 0.8 ? 1f : 0f; // gaps exercise imputation
            }
        }
        Window w = new Window(v, obs);
        SequenceUnroller u = new SequenceUnroller(m, 2, 3);
        return t -> u.unroll(t, GRAPH, List.of(w), 0, null).loss();
    }

    /**
     * For every parameter tensor, the directional derivative of the loss along the backprop
     * gradient (must equal |g|) and along a random unit direction r (must equal g . r), by central
     * differences. Whole-tensor directions keep the signal far above float32 rounding of the loss,
     * which single coordinates of large losses are not.
     */
    private static void assertGradientsMatch(ParamSet ps, Function<Tape, Var> loss) {
        // zero-initialised output layers would hide everything upstream, and zero biases put a
        // ReLU exactly on its kink wherever its input row is all zero (a dead unit upstream), where
        // backprop and a central difference legitimately disagree (0 vs half the slope): give
        // all-zero tensors random values, as an ordinary initialisation would
        SplittableRandom jitter = new SplittableRandom(5);
        for (Param p : ps.all()) {
            boolean allZero = true;
            for (float v : p.value.data) {
                allZero &= v == 0f;
            }
            for (int i = 0; allZero && i < p.value.size(); i++) {
                p.value.data[i] += (float) (0.2 * jitter.nextGaussian());
            }
        }
        Tape t = Tape.training();
        Var l0 = loss.apply(t);
        t.backward(l0);
        // float32 rounding of the loss (some ulps over the ops), seen through a central difference
        // of step 2h
        double rounding = 16 * Math.ulp(l0.value.data[0]);
        SplittableRandom random = new SplittableRandom(99);
        int checked = 0;
        for (Param p : ps.all()) {
            float[] g = p.grad.data.clone();
            double norm = 0;
            for (float v : g) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm < 1e-6) {
                continue;
            }
            float[] along = new float[g.length];
            float[] rnd = new float[g.length];
            double rn = 0;
            for (int i = 0; i < g.length; i++) {
                along[i] = (float) (g[i] / norm);
                rnd[i] = (float) random.nextGaussian();
                rn += rnd[i] * rnd[i];
            }
            double gr = 0;
            for (int i = 0; i < g.length; i++) {
                rnd[i] /= (float) Math.sqrt(rn);
                gr += g[i] * rnd[i];
            }
            assertAgrees(norm, norm, p, along, loss, rounding, " along g");
            assertAgrees(gr, norm, p, rnd, loss, rounding, " random");
            checked++;
            p.zeroGrad();
        }
        assertTrue(checked >= ps.all().size() / 2, "too few parameters carry gradient: " + checked);
    }

    /** Backprop's directional derivative matches a central difference at one of the steps. */
    private static void assertAgrees(
            double expected,
            double norm,
            Param p,
            float[] dir,
            Function<Tape, Var> loss,
            double rounding,
            String what) {
        StringBuilder seen = new StringBuilder();
        for (float h : STEPS) {
            double fd = central(p, dir, loss, h);
            if (Math.abs(fd - expected) <= 0.02 * norm + rounding / (2 * h)) {
                return;
            }
            seen.append(String.format(" h=%.0e: %.6g", h, fd));
        }
        throw new AssertionError(
                p.name + what + ": backprop " + expected + ", finite differences" + seen);
    }

    private static double central(Param p, float[] dir, Function<Tape, Var> loss, float h) {
        float[] old = p.value.data.clone();
        for (int i = 0; i < dir.length; i++) {
            p.value.data[i] = old[i] + h * dir[i];
        }
        double up = loss.apply(Tape.inference()).value.data[0];
        for (int i = 0; i < dir.length; i++) {
            p.value.data[i] = old[i] - h * dir[i];
        }
        double down = loss.apply(Tape.inference()).value.data[0];
        System.arraycopy(old, 0, p.value.data, 0, old.length);
        return (up - down) / (2 * h);
    }

    private static Tensor randomColumn(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return Tensor.column(f);
    }
}
