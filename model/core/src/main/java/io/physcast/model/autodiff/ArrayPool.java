package io.physcast.model.autodiff;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Float arrays a tape has finished with, kept for the next tape, which asks for the same sizes in
 * the same order: per thread for streaming steps, per training thread for training parts. A step at
 * N = 1,000 (hidden 64, 2-layer GRUs) writes 133 MB of op outputs; fresh arrays cost the zeroing
 * and the allocation of each, and writing 133 MB into fresh arrays took 16 ms against 9 ms into
 * reused ones on the 2-core machine (README, Speed). Holds at most {@code physcast.step.pool.mb} MB
 * per thread (default 256, and never more than an eighth of the heap: a task manager runs a
 * forecaster per slot); past that it starts over, so a graph that changed size does not keep its
 * old arrays.
 */
public final class ArrayPool {
    private static final long MAX_FLOATS =
            Math.min(
                    Long.getLong("physcast.step.pool.mb", 256) << 18,
                    Runtime.getRuntime().maxMemory() / 8 / Float.BYTES);
    private static final ThreadLocal<ArrayPool> POOLS =
            ThreadLocal.withInitial(() -> new ArrayPool(MAX_FLOATS));

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long maxFloats;
    private long floats;

    ArrayPool(long maxFloats) {
        this.maxFloats = maxFloats;
    }

    /**
     * A pool for one training thread's tapes, whose caller owns it (it goes when they drop it):
     * holds at most an eighth of the heap, as a training tape's arrays are all live until its
     * backward pass ends anyway.
     */
    public static ArrayPool forTraining() {
        return new ArrayPool(Runtime.getRuntime().maxMemory() / 8 / Float.BYTES);
    }

    static ArrayPool forThisThread() {
        return POOLS.get();
    }

    /** An array of {@code size} floats whose contents are undefined. */
    float[] take(int size) {
        ArrayDeque<float[]> q = free.get(size);
        float[] a = q == null ? null : q.pollLast();
        if (a == null) {
            return new float[size];
        }
        floats -= size;
        return a;
    }

    void giveBack(List<float[]> arrays) {
        for (float[] a : arrays) {
            if (floats + a.length > maxFloats) {
                free.clear();
                floats = 0;
                if (a.length > maxFloats) {
                    continue;
                }
            }
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).addLast(a);
            floats += a.length;
        }
    }

    /** For tests: NaN in every kept array, so that a read of a value no op wrote shows. */
    void poison() {
        for (ArrayDeque<float[]> q : free.values()) {
            for (float[] a : q) {
                Arrays.fill(a, Float.NaN);
            }
        }
    }

    long floats() {
        return floats;
    }
}
