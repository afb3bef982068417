package io.physcast.model.autodiff;

import io.physcast.model.cuda.DeviceArray;
import io.physcast.model.cuda.DeviceContext;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's parameters on the GPU, packed one after another in one buffer, with their gradients (a
 * second buffer) and, once an optimiser has run, its moments. Packing makes the copies one transfer
 * each way and the optimiser one kernel. The host {@link Param}s stay the reference: {@link
 * #upload()} before device tapes read them, {@link #download()} after a device optimiser changed
 * them.
 */
public final class DeviceParams implements AutoCloseable {
    private final DeviceContext context;
    private final List<Param> params;
    private final Map<Param, Long> offsets = new IdentityHashMap<>();
    private final long size;
    private final DeviceArray values;
    private final DeviceArray grads;
    private DeviceArray moments; // m then v, 2 x size
    private DeviceArray trainable;
    private DeviceArray sumSquares;
    private final float[] packed;

    public DeviceParams(DeviceContext context, List<Param> params) {
        this.context = context;
        this.params = List.copyOf(params);
        long at = 0;
        for (Param p : this.params) {
            offsets.put(p, at);
            at += p.value.size();
        }
        this.size = at;
        this.packed = new float[Math.toIntExact(size)];
        this.values = context.alloc(size);
        this.grads = context.zeros(size);
    }

    public DeviceContext context() {
        return context;
    }

    /** Copies the host values to the device. */
    public void upload() {
        for (Param p : params) {
            System.arraycopy(p.value.data, 0, packed, offsets.get(p).intValue(), p.value.size());
        }
        context.upload(packed, values);
    }

    /** Copies the device values to the host parameters. */
    public void download() {
        context.download(values, packed);
        for (Param p : params) {
            System.arraycopy(packed, offsets.get(p).intValue(), p.value.data, 0, p.value.size());
        }
    }

    /** Adds the device gradients to the host ones ({@link Param#grad}) and zeroes the device's. */
    public void addGradientsToHost() {
        context.download(grads, packed);
        for (Param p : params) {
            int off = offsets.get(p).intValue();
            float[] g = p.grad.data;
            for (int i = 0; i < g.length; i++) {
                g[i] += packed[off + i];
            }
        }
        context.zero(grads);
    }

    /** Clears the device gradients (a backward pass adds to them). */
    public void zeroGradients() {
        context.zero(grads);
    }

    DeviceArray value(Param p) {
        return values.slice(offset(p), p.value.size());
    }

    DeviceArray grad(Param p) {
        return grads.slice(offset(p), p.value.size());
    }

    private long offset(Param p) {
        Long at = offsets.get(p);
        if (at == null) {
            throw new IllegalArgumentException("parameter " + p.name + " is not on the device");
        }
        return at;
    }

    /**
     * One Adam step on the device with the gradients accumulated there, the arithmetic of {@link
     * io.physcast.model.nn.Adam#step} (L2 decay added to the clipped gradient), which zeroes them.
     *
     * @param step the optimiser's step count, from 1
     */
    public void adamStep(int step, float lr, float weightDecay, float clipNorm) {
        if (moments == null) {
            moments = context.zeros(2 * size);
            sumSquares = context.allocBytes(1, 8);
        }
        byte[] mask = new byte[Math.toIntExact(size)];
        for (Param p : params) {
            if (!p.frozen()) {
                int off = offsets.get(p).intValue();
                java.util.Arrays.fill(mask, off, off + p.value.size(), (byte) 1);
            }
        }
        context.free(trainable);
        trainable = context.upload(mask);
        context.launchGrid("sum_squares", 1, 1024, sumSquares, grads, trainable, size);
        float c1 = (float) (1 - Math.pow(0.9, step));
        float c2 = (float) (1 - Math.pow(0.999, step));
        context.launch(
                "adam",
                size,
                values,
                grads,
                moments.slice(0, size),
                moments.slice(size, size),
                trainable,
                sumSquares,
                (double) clipNorm,
                lr,
                weightDecay,
                c1,
                c2,
                size);
    }

    @Override
    public void close() {
        context.free(values);
        context.free(grads);
        context.free(moments);
        context.free(trainable);
        context.free(sumSquares);
    }
}
