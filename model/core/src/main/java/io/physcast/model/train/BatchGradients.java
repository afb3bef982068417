package io.physcast.model.train;

import io.physcast.model.autodiff.ArrayPool;
import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.tensor.Tensor;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The forward and backward pass of one training batch on the CPU, in parts of {@link #PART} windows
 * that run side by side on up to {@code threads} threads. The windows of a batch are independent
 * (their graphs form a disjoint union), so each part has its own tape and gradient buffers; the
 * parts' gradients are then added to {@link Param#grad} in part order. The split does not depend on
 * the thread count, so neither does any bit of the result.
 */
public final class BatchGradients implements AutoCloseable {
    /** Windows per part: two parts already for the stations' batch of 4. */
    static final int PART = 2;

    private final SequenceUnroller unroller;
    private final List<Param> params;
    private final GraphInputs[] partGraphs;
    private final ExecutorService pool;

    /** One array pool per part running at once, reused by the next iteration's parts. */
    private final Deque<ArrayPool> arrays = new ConcurrentLinkedDeque<>();

    /**
     * @param graph one window's graph
     * @param threads parts run at once (1: on the calling thread)
     */
    public BatchGradients(
            SequenceUnroller unroller, List<Param> params, GraphInputs graph, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.unroller = unroller;
        this.params = List.copyOf(params);
        this.partGraphs = new GraphInputs[PART + 1];
        for (int w = 1; w <= PART; w++) {
            partGraphs[w] = graph.replicate(w);
        }
        this.pool =
                threads == 1
                        ? null
                        : Executors.newFixedThreadPool(
                                threads,
                                r -> {
                                    Thread t = new Thread(r, "physcast-train");
                                    t.setDaemon(true);
                                    return t;
                                });
    }

    private record Part(float loss, Map<Param, Tensor> gradients) {}

    /**
     * Adds the batch's loss gradients to the parameters' and returns the loss (the sum over the
     * forecast steps of each step's mean squared error over the whole batch's observed entries).
     */
    public float run(List<Window> batch, double teacherForcing, SplittableRandom random) {
        SequenceUnroller.Plan plan = unroller.plan(batch, teacherForcing, random);
        List<java.util.concurrent.Callable<Part>> parts = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += PART) {
            List<Window> windows = batch.subList(from, Math.min(from + PART, batch.size()));
            parts.add(() -> part(windows, plan));
        }
        List<Part> done = new ArrayList<>();
        try {
            if (pool == null) {
                for (var p : parts) {
                    done.add(p.call());
                }
            } else {
                for (Future<Part> f : pool.invokeAll(parts)) {
                    done.add(f.get());
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        float loss = 0;
        for (Part p : done) { // in part order: the same sums whichever thread ran which part
            loss += p.loss();
            for (Param param : params) {
                Tensor g = p.gradients().get(param);
                if (g != null) {
                    float[] into = param.grad.data;
                    for (int i = 0; i < into.length; i++) {
                        into[i] += g.data[i];
                    }
                }
            }
        }
        return loss;
    }

    private Part part(List<Window> windows, SequenceUnroller.Plan plan) {
        Map<Param, Tensor> gradients = new IdentityHashMap<>();
        ArrayPool free = arrays.poll();
        Tape t = Tape.recyclingTraining(gradients, free != null ? free : ArrayPool.forTraining());
        try {
            Var loss = unroller.unroll(t, partGraphs[windows.size()], windows, plan).loss();
            t.backward(loss);
            return new Part(loss.value.data[0], gradients);
        } finally {
            arrays.push(t.recycle());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
