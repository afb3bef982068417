package io.physcast.model.train;

import io.physcast.model.autodiff.DeviceParams;
import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.cuda.ComputeDevice;
import io.physcast.model.cuda.CudaRuntime;
import io.physcast.model.nn.Adam;
import io.physcast.model.nn.ParamSet;
import java.util.List;

/**
 * Where one model's tapes run: on the CPU, or on the GPU with its parameters mirrored there (the
 * host {@link Param}s stay the reference: each training tape starts from them and each optimiser
 * step copies the result back, one transfer each way). Close it to free the device mirror.
 */
public final class Execution implements AutoCloseable {
    private final List<Param> params;
    private final DeviceParams device;

    private Execution(List<Param> params, DeviceParams device) {
        this.params = params;
        this.device = device;
    }

    /** On {@code where}; for the GPU the parameters are uploaded now. */
    public static Execution of(ParamSet params, ComputeDevice where) {
        List<Param> all = List.copyOf(params.all());
        if (where == ComputeDevice.CPU) {
            return new Execution(all, null);
        }
        DeviceParams d = new DeviceParams(CudaRuntime.get().context(), all);
        d.upload();
        return new Execution(all, d);
    }

    /** On the process's device ({@link ComputeDevice#current()}). */
    public static Execution of(ParamSet params) {
        return of(params, ComputeDevice.current());
    }

    public boolean onDevice() {
        return device != null;
    }

    /** A recording tape over the parameters' current host values. */
    public Tape training() {
        if (device == null) {
            return Tape.training();
        }
        device.upload();
        return Tape.onDevice(device, true);
    }

    /** An inference tape over the parameters as they were when this execution was made. */
    public Tape inference() {
        return device == null ? Tape.inference() : Tape.onDevice(device, false);
    }

    /**
     * Adds the gradients of the last backward pass on the GPU to the host parameters' (for an
     * optimiser that runs on the host); nothing to do on the CPU, where they are already there.
     */
    public void gradientsToHost() {
        if (device != null) {
            device.addGradientsToHost();
        }
    }

    /** Applies the gradients of the last backward pass and clears them. */
    public void step(Adam adam) {
        if (device == null) {
            adam.step(params);
        } else {
            adam.step(device);
        }
    }

    @Override
    public void close() {
        if (device != null) {
            device.close();
        }
    }
}
