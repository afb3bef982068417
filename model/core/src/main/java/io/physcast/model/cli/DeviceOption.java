package io.physcast.model.cli;

import io.physcast.model.cuda.ComputeDevice;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --device} of the tools that train and score models (a picocli mixin). */
public final class DeviceOption {
    @Option(
            names = "--device",
            defaultValue = "auto",
            paramLabel = "cpu|cuda|auto",
            description =
                    "Where the networks compute: auto takes the GPU when one with CUDA 13 answers,"
                            + " else the CPU; cuda says in one line why it falls back.")
    public String device;

    /**
     * Sets the process's compute device from the option; {@code say} hears which GPU, or why none.
     */
    public void use(Consumer<String> say) {
        ComputeDevice.use(ComputeDevice.choose(device, say));
    }
}
