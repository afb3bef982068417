package io.physcast.model.nn;

import io.physcast.model.autodiff.Param;
import io.physcast.model.tensor.Tensor;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named parameters of one model, in creation order (the order is part of the artifact format).
 * Initialisation is Glorot-uniform from one seeded generator, so a seed gives identical weights.
 */
public final class ParamSet {
    private final Map<String, Param> params = new LinkedHashMap<>();
    private final SplittableRandom random;

    public ParamSet(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public Param weight(String name, int in, int out) {
        float bound = (float) Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return add(new Param(name, new Tensor(in, out, w)));
    }

    public Param bias(String name, int out) {
        return add(new Param(name, Tensor.zeros(1, out)));
    }

    private Param add(Param p) {
        if (params.putIfAbsent(p.name, p) != null) {
            throw new IllegalArgumentException("duplicate parameter " + p.name);
        }
        return p;
    }

    public Collection<Param> all() {
        return Collections.unmodifiableCollection(params.values());
    }

    public Param get(String name) {
        Param p = params.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return p;
    }

    public long count() {
        long n = 0;
        for (Param p : params.values()) {
            n += p.value.size();
        }
        return n;
    }

    /** Freezes (or unfreezes) every parameter whose name starts with the prefix. */
    public void freezePrefix(String prefix, boolean frozen) {
        for (Param p : params.values()) {
            if (p.name.startsWith(prefix)) {
                p.setFrozen(frozen);
            }
        }
    }

    /** Sets every parameter whose name starts with the prefix to zero. */
    public void zeroPrefix(String prefix) {
        for (Param p : params.values()) {
            if (p.name.startsWith(prefix)) {
                Arrays.fill(p.value.data, 0f);
            }
        }
    }

    /** Copies all values: a snapshot for early stopping. */
    public float[][] snapshot() {
        float[][] s = new float[params.size()][];
        int i = 0;
        for (Param p : params.values()) {
            s[i++] = p.value.data.clone();
        }
        return s;
    }

    public void restore(float[][] snapshot) {
        int i = 0;
        for (Param p : params.values()) {
            System.arraycopy(snapshot[i++], 0, p.value.data, 0, p.value.size());
        }
    }
}
