package io.physcast.model.bench;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.autodiff.DeviceParams;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.cuda.CudaRuntime;
import io.physcast.model.cuda.DeviceContext;
import io.physcast.model.nn.Adam;
import io.physcast.model.padgn.DeviceGraphStepper;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The GPU backend's figures for the device check (scripts/gpu-check.sh), JMH-style: warm-up for 3
 * seconds, then single calls timed for 3, each ending with its result on the host. What
 * StepBenchmark and TrainIterationBenchmark measure on the CPU, with the same models, graphs and
 * inputs, so that the PyTorch reference torch_padgn.py --device cuda measures the same thing:
 * {@code step}: one step of PA-DGN with the frame going in and the prediction coming out; {@code
 * train}: one training iteration (70 stations x batch 8, 24 frames, forward and backward; {@code
 * +adam} adds the optimiser step and the copy of the parameters back to the host).
 *
 * <p>Arguments: {@code step:N:HxL} or {@code train:HxL}; none runs the set.
 */
public final class GpuBenchmark {
    private GpuBenchmark() {}

    public static void main(String[] args) {
        List<String> runs =
                args.length > 0
                        ? Arrays.asList(args)
                        : List.of(
                                "step:1000:64x2",
                                "step:10000:64x2",
                                "step:100000:64x2",
                                "train:64x2",
                                "train:32x1");
        DeviceContext gpu = CudaRuntime.get().context();
        System.out.println(
                "GPU: "
                        + CudaRuntime.get().description()
                        + (CudaRuntime.get().tf32() ? ", TF32" : ", float32 products"));
        for (String run : runs) {
            String[] p = run.split(":");
            if (p[0].equals("step")) {
                step(gpu, Integer.parseInt(p[1]), p[2]);
            } else {
                train(gpu, p[1]);
            }
        }
    }

    private static void step(DeviceContext gpu, int nodes, String size) {
        int[] hl = Arrays.stream(size.split("x")).mapToInt(Integer::parseInt).toArray();
        GraphInputs g = new GraphInputs(TestGraphs.knn(nodes, 7));
        RecurrentGraphNetwork model =
                new RecurrentGraphNetwork(SpatialFeatures.LEARNED, hl[0], 16, hl[1], 1);
        float[] frame = BenchSteps.gaussian(nodes, new SplittableRandom(3));
        try (DeviceGraphStepper s = new DeviceGraphStepper(model, g, gpu)) {
            s.step(frame); // the warmed state, as the CPU benchmark's
            report("step N=" + nodes + " E=" + g.edges + " " + size, () -> s.step(frame));
        }
    }

    private static void train(DeviceContext gpu, String size) {
        int[] hl = Arrays.stream(size.split("x")).mapToInt(Integer::parseInt).toArray();
        GraphInputs batchGraph = BenchSteps.trainingGraph().replicate(8);
        List<Window> batch = BenchSteps.trainingBatch();
        StepModel net = ModelCatalog.create("PA-DGN", hl[0], hl[1], 1);
        SequenceUnroller unroller = new SequenceUnroller(net, 12, 12);
        Adam adam = new Adam(1e-3f, 5e-4f, 5f);
        try (DeviceParams dp = new DeviceParams(gpu, List.copyOf(net.params().all()))) {
            dp.upload();
            Runnable backward =
                    () -> {
                        try (Tape t = Tape.onDevice(dp, true)) {
                            Var loss =
                                    unroller.unroll(
                                                    t,
                                                    batchGraph,
                                                    batch,
                                                    0.5,
                                                    new SplittableRandom(1))
                                            .loss();
                            t.backward(loss);
                            loss.host();
                        }
                    };
            report(
                    "train " + size + " (forward + backward)",
                    () -> {
                        backward.run();
                        dp.zeroGradients();
                    });
            report(
                    "train " + size + " (+adam, parameters back to the host)",
                    () -> {
                        dp.upload();
                        backward.run();
                        adam.step(dp);
                    });
        }
    }

    private static void report(String what, Runnable call) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        int warm = 0;
        while (warm < 5 || System.nanoTime() < warmEnd) {
            call.run();
            warm++;
        }
        List<Double> ms = new ArrayList<>();
        long end = System.nanoTime() + 3_000_000_000L;
        while (ms.size() < 10 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            call.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        System.out.printf(
                "java-cuda %-55s mean %9.3f ms  median %9.3f  min %9.3f  (%d calls after %d warm-up)%n",
                what, mean, sorted[sorted.length / 2], sorted[0], sorted.length, warm);
    }
}
