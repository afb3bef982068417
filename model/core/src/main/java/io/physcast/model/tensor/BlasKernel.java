package io.physcast.model.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The OpenBLAS kernel this process runs, and the best one the processor's feature flags allow.
 * OpenBLAS picks its kernel from the processor model once, when the library loads; a processor it
 * does not recognise (cloud VMs often report masked models) gets a generic SSE kernel several times
 * slower than the AVX2 or AVX-512 one the flags allow. The choice can only be overridden before the
 * library loads, through the environment variable {@code OPENBLAS_CORETYPE}: the launch scripts ask
 * {@link #main} and set it; in-process the choice is logged and a fallback warned about ({@link
 * OpenBlasMatMul}).
 *
 * @param config OpenBLAS's build and run-time configuration string
 * @param core the kernel in use, e.g. Haswell
 * @param best the best kernel the processor's flags allow (null: no AVX)
 */
public record BlasKernel(String config, String core, String best) {
    private static final List<String> AVX512 = List.of("SkylakeX", "Cooperlake", "SapphireRapids");
    private static final List<String> AVX2 = List.of("Haswell", "Zen");
    private static final List<String> AVX =
            List.of("Sandybridge", "Bulldozer", "Piledriver", "Steamroller", "Excavator");

    /** The kernel OpenBLAS chose in this process (loads the library). */
    public static BlasKernel current() {
        String config =
                org.bytedeco.openblas.global.openblas_full.openblas_get_config().getString();
        return of(config, cpuFlags());
    }

    static BlasKernel of(String config, Set<String> flags) {
        return new BlasKernel(config, core(config), best(flags));
    }

    /** Whether OpenBLAS runs a kernel without AVX although the processor has it. */
    public boolean fellBack() {
        return best != null && rank(core) == 0;
    }

    /**
     * The core name in a configuration such as "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell".
     */
    static String core(String config) {
        List<String> words = Arrays.asList(config.trim().split("\\s+"));
        for (int i = words.indexOf("DYNAMIC_ARCH") + 1; i > 0 && i < words.size(); i++) {
            String w = words.get(i);
            if (!w.contains("=") && !w.equals(w.toUpperCase(java.util.Locale.ROOT))) {
                return w;
            }
        }
        return "unknown"; // a build for one processor names none
    }

    /** The best OpenBLAS kernel for these /proc/cpuinfo flags (null: no AVX at all). */
    static String best(Set<String> flags) {
        if (flags.containsAll(List.of("avx512f", "avx512bw", "avx512vl", "avx512dq"))) {
            return "SkylakeX";
        }
        if (flags.containsAll(List.of("avx2", "fma"))) {
            return "Haswell";
        }
        return flags.contains("avx") ? "Sandybridge" : null;
    }

    /** 3: AVX-512 kernels, 2: AVX2, 1: AVX, 0: generic (SSE). */
    static int rank(String core) {
        return AVX512.contains(core) ? 3 : AVX2.contains(core) ? 2 : AVX.contains(core) ? 1 : 0;
    }

    /** The processor's feature flags (empty where /proc/cpuinfo is absent). */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return new HashSet<>(Arrays.asList(line.split(":", 2)[1].trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to read the flags from
        }
        return Set.of();
    }

    /** One line for logs. */
    public String describe() {
        return fellBack()
                ? String.format(
                        "OpenBLAS runs its generic %s kernel on a processor whose flags allow %s"
                                + " (products several times slower): set OPENBLAS_CORETYPE=%s in"
                                + " the environment before the JVM starts (the scripts do)",
                        core, best, best)
                : String.format("OpenBLAS kernel %s (%s)", core, config.trim());
    }

    /**
     * For the launch scripts: prints the kernel to set in {@code OPENBLAS_CORETYPE} when OpenBLAS
     * fell back to a generic one, and nothing otherwise.
     */
    public static void main(String[] args) {
        BlasKernel k = current();
        if (k.fellBack()) {
            System.out.println(k.best());
        }
    }
}
