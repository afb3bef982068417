package io.physcast.model.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.DeviceParams;
import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.nn.Adam;
import io.physcast.model.padgn.DeviceGraphStepper;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.tensor.MatMul;
import io.physcast.model.tensor.MatMulBackends;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GPU backend computes what the CPU computes: a step, a 5-step rollout, the gradients of a
 * training unroll and an Adam step, at N = 1,000 (PA-DGN, hidden 64, 2-layer GRUs), and every
 * catalogue model's loss and gradients on a small batch. Float32 products (no TF32): each tensor
 * within 1e-4 of the CPU's, relative, in norm. Runs where a GPU with CUDA 13 is present; skipped,
 * saying why, elsewhere.
 */
class GpuParityTest {
    /**
     * Float32 products; TF32 (physcast.cuda.tf32) rounds their inputs to 10-bit mantissas, which
     * moved steps and rollouts by up to 8.4e-4 on the H200.
     */
    private static double tolerance() {
        return CudaRuntime.get().tf32() ? 2e-3 : 1e-4;
    }

    /**
     * Gradients are held to a bound in float32 only: with TF32 they moved by up to 1.6e-1 (the
     * SDL's last Laplacian layer) on the H200, which is why TF32 is for serving, not training.
     */
    private static void float32Only() {
        assumeTrue(!CudaRuntime.get().tf32(), "TF32 gradients are measured, not bounded");
    }

    private DeviceContext gpu;

    @BeforeEach
    void needsAGpu() {
        String why = CudaRuntime.unavailableReason();
        assumeTrue(why == null, () -> "skipped, no GPU here: " + why);
        gpu = CudaRuntime.get().context();
    }

    private static RecurrentGraphNetwork padgn() {
        return new RecurrentGraphNetwork(SpatialFeatures.LEARNED, 64, 16, 2, 1);
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void stepAndRolloutMatchTheCpuAtN1000() {
        GraphInputs g = new GraphInputs(TestGraphs.knn(1000, 7));
        RecurrentGraphNetwork model = padgn();
        GraphStepper cpu = new GraphStepper(model, g);
        HiddenState warm = cpu.step(cpu.initialState(), gaussian(1000, 3)).state();
        float[] frame = gaussian(1000, 4);

        GraphStepper.StepResult one = cpu.step(warm, frame);
        GraphStepper.Rollout five = cpu.advanceAndForecast(warm, frame, 5);
        try (DeviceGraphStepper dev = new DeviceGraphStepper(model, g, gpu)) {
            dev.load(warm);
            float[] p = dev.step(frame);
            assertClose("step prediction", one.prediction(), p);
            assertStateClose("step state", one.state(), dev.state());

            dev.load(warm);
            float[][] f = dev.advanceAndForecast(frame, 5);
            for (int h = 0; h < 5; h++) {
                assertClose("rollout h" + (h + 1), five.forecasts()[h], f[h]);
            }
            assertStateClose("rollout state", five.state(), dev.state());
        }
    }

    @Test
    void theStreamingJobsStepperOnTheGpuMatchesTheCpu() {
        GraphInputs g = new GraphInputs(TestGraphs.knn(1000, 7));
        RecurrentGraphNetwork model = padgn();
        GraphStepper cpu = new GraphStepper(model, g);
        GraphStepper gpu = new GraphStepper(model, g, ComputeDevice.CUDA);
        HiddenState warm = cpu.step(cpu.initialState(), gaussian(1000, 3)).state();
        float[] frame = gaussian(1000, 4);
        GraphStepper.Rollout a = cpu.advanceAndForecast(warm, frame, 5);
        GraphStepper.Rollout b = gpu.advanceAndForecast(warm, frame, 5);
        for (int h = 0; h < 5; h++) {
            assertClose("host-state rollout h" + (h + 1), a.forecasts()[h], b.forecasts()[h]);
        }
        assertStateClose("host-state rollout state", a.state(), b.state());
    }

    @Test
    void trainingGradientsAndAdamMatchTheCpuAtN1000() {
        float32Only();
        GraphInputs g = new GraphInputs(TestGraphs.knn(1000, 7));
        List<Window> batch = windows(1, 1000, 8);
        RecurrentGraphNetwork model = padgn();
        SequenceUnroller unroller = new SequenceUnroller(model, 4, 4);
        List<Param> params = List.copyOf(model.params().all());

        float[] cpuLoss = new float[1];
        List<float[]> cpuGrads = cpuGradients(unroller, g, batch, params, cpuLoss);
        // float32 alone does not pin these gradients down to 1e-4: summed in another order, the
        // CPU's own products move them by up to ~2e-3 (OpenBLAS against the Java gemm likewise).
        // The GPU must stay within twice that spread of the CPU, parameter by parameter.
        MatMul usual = MatMulBackends.get();
        List<float[]> reordered;
        MatMulBackends.use(new ReverseSumMatMul());
        try {
            reordered = cpuGradients(unroller, g, batch, params, new float[1]);
        } finally {
            MatMulBackends.use(usual);
        }

        try (DeviceParams dp = new DeviceParams(gpu, params)) {
            dp.upload();
            float gpuLoss;
            try (Tape d = Tape.onDevice(dp, true)) {
                var l = unroller.unroll(d, g, batch, 0.5, new SplittableRandom(1)).loss();
                d.backward(l);
                gpuLoss = l.host().data[0];
            }
            assertEquals(cpuLoss[0], gpuLoss, tolerance() * Math.abs(cpuLoss[0]), "loss");
            dp.addGradientsToHost();
            for (int i = 0; i < params.size(); i++) {
                double spread = relative(cpuGrads.get(i), reordered.get(i));
                assertClose(
                        "gradient of "
                                + params.get(i).name
                                + String.format(" (CPU spread %.1e)", spread),
                        cpuGrads.get(i),
                        params.get(i).grad.data,
                        Math.max(tolerance(), 2 * spread));
            }

            // one Adam step each side from the same (the GPU's) gradients
            float[][] before = model.params().snapshot();
            Adam hostAdam = new Adam(1e-3f, 5e-4f, 5f);
            hostAdam.step(params);
            float[][] hostAfter = model.params().snapshot();
            model.params().restore(before);
            dp.upload();
            try (Tape d = Tape.onDevice(dp, true)) {
                d.backward(unroller.unroll(d, g, batch, 0.5, new SplittableRandom(1)).loss());
            }
            new Adam(1e-3f, 5e-4f, 5f).step(dp);
            float[][] deviceAfter = model.params().snapshot();
            for (int i = 0; i < params.size(); i++) {
                float[] stepHost = delta(hostAfter[i], before[i]);
                float[] stepDevice = delta(deviceAfter[i], before[i]);
                assertClose("Adam step of " + params.get(i).name, stepHost, stepDevice);
            }
        }
    }

    @Test
    void everyCatalogueModelHasTheCpuLossAndGradients() {
        float32Only();
        GraphInputs g = new GraphInputs(TestGraphs.knn(70, 7)).replicate(4);
        List<Window> batch = windows(4, 70, 10);
        for (String name : ModelCatalog.ALL) {
            StepModel model = ModelCatalog.create(name, 32, 1, 1);
            SequenceUnroller unroller = new SequenceUnroller(model, 5, 5);
            List<Param> params = List.copyOf(model.params().all());
            Tape t = Tape.training();
            var loss = unroller.unroll(t, g, batch, 0.5, new SplittableRandom(2)).loss();
            if (!params.isEmpty()) {
                t.backward(loss);
            }
            List<float[]> cpuGrads = new ArrayList<>();
            for (Param p : params) {
                cpuGrads.add(p.grad.data.clone());
                p.zeroGrad();
            }
            try (DeviceParams dp = new DeviceParams(gpu, params);
                    Tape d = Tape.onDevice(dp, true)) {
                dp.upload();
                var l = unroller.unroll(d, g, batch, 0.5, new SplittableRandom(2)).loss();
                float gpuLoss = l.host().data[0];
                assertEquals(
                        loss.host().data[0],
                        gpuLoss,
                        tolerance() * Math.abs(gpuLoss),
                        name + " loss");
                if (!params.isEmpty()) {
                    d.backward(l);
                    dp.addGradientsToHost();
                }
            }
            for (int i = 0; i < params.size(); i++) {
                assertClose(
                        name + " gradient of " + params.get(i).name,
                        cpuGrads.get(i),
                        params.get(i).grad.data);
            }
        }
    }

    /** The parameters' gradients of one CPU training unroll (and its loss into {@code loss}). */
    private static List<float[]> cpuGradients(
            SequenceUnroller unroller,
            GraphInputs g,
            List<Window> batch,
            List<Param> params,
            float[] loss) {
        Tape t = Tape.training();
        var l = unroller.unroll(t, g, batch, 0.5, new SplittableRandom(1)).loss();
        t.backward(l);
        loss[0] = l.host().data[0];
        List<float[]> grads = new ArrayList<>();
        for (Param p : params) {
            grads.add(p.grad.data.clone());
            p.zeroGrad();
        }
        return grads;
    }

    private static List<Window> windows(int count, int n, int frames) {
        List<Window> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int b = 0; b < count; b++) {
            float[][] v = new float[frames][n];
            float[][] obs = new float[frames][n];
            for (int f = 0; f < frames; f++) {
                for (int i = 0; i < n; i++) {
                    v[f][i] = (float) r.nextGaussian();
                    obs[f][i] = r.nextDouble() < 0.9 ? 1f : 0f; // gaps: the imputation path too
                }
            }
            out.add(new Window(v, obs));
        }
        return out;
    }

    private static float[] delta(float[] after, float[] before) {
        float[] d = new float[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    private static void assertStateClose(String what, HiddenState cpu, HiddenState gpu) {
        assertEquals(cpu.size(), gpu.size());
        for (int i = 0; i < cpu.size(); i++) {
            assertClose(what + " tensor " + i, cpu.values(i), gpu.values(i));
        }
    }

    private static void assertClose(String what, float[] cpu, float[] gpu) {
        assertClose(what, cpu, gpu, tolerance());
    }

    /**
     * {@code ||gpu - cpu|| <= tolerance * ||cpu||} (2-norms; both zero passes). Not element by
     * element against the largest value: two CPU gemms (OpenBLAS and the plain Java one) already
     * differ by 1.2e-4 of the largest value in a few elements of the first edge state after one
     * step at N = 1,000 (2.8e-7 to 5.6e-7 in norm), as float32 sums in another order do.
     */
    private static void assertClose(String what, float[] cpu, float[] gpu, double tolerance) {
        assertEquals(cpu.length, gpu.length, what + ": length");
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < cpu.length; i++) {
            scale = Math.max(scale, Math.abs(cpu[i]));
            worst = Math.max(worst, Math.abs((double) cpu[i] - gpu[i]));
        }
        double relative = relative(cpu, gpu);
        System.out.printf(
                "  %-75s |diff|/|cpu| %.1e  (largest element diff / largest |cpu| %.1e)%n",
                what, relative, scale == 0 ? worst : worst / scale);
        assertTrue(relative <= tolerance, what + ": " + relative + " > " + tolerance);
    }

    /** {@code ||b - a|| / ||a||} in 2-norms ({@code ||b - a||} when a is zero). */
    private static double relative(float[] a, float[] b) {
        double norm = 0;
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            norm += (double) a[i] * a[i];
            diff += d * d;
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }
}
