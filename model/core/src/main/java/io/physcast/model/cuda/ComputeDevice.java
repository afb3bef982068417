package io.physcast.model.cuda;

import java.util.function.Consumer;

/**
 * Where the network computes: the CPU (OpenBLAS), or the GPU (cuBLAS and this package's kernels).
 * Chosen once per process from {@code --device cpu|cuda|auto}; training, validation and scoring
 * read {@link #current()}.
 */
public enum ComputeDevice {
    CPU,
    CUDA;

    private static volatile ComputeDevice current = CPU;

    public static ComputeDevice current() {
        return current;
    }

    public static void use(ComputeDevice device) {
        current = device;
    }

    /**
     * Resolves a {@code --device} choice: {@code cpu}; {@code cuda} or {@code auto}, the GPU when
     * its CUDA 13 libraries load and a device answers, else the CPU, said in one line to {@code
     * say} (the GPU's name when there is one).
     */
    public static ComputeDevice choose(String option, Consumer<String> say) {
        switch (option) {
            case "cpu":
                return CPU;
            case "cuda":
            case "auto":
                String why = CudaRuntime.unavailableReason();
                if (why == null) {
                    say.accept("device: " + CudaRuntime.get().description());
                    return CUDA;
                }
                if (option.equals("cuda")) {
                    say.accept("device: no usable GPU (" + why + "); running on the CPU");
                }
                return CPU;
            default:
                throw new IllegalArgumentException(
                        "--device must be cpu, cuda or auto, not '" + option + "'");
        }
    }
}
