package io.physcast.model.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlasKernelTest {
    @Test
    void readsTheCoreAndTheBestTheFlagsAllow() {
        String config = "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64";
        assertEquals("Haswell", BlasKernel.core(config));
        assertEquals("unknown", BlasKernel.core("OpenBLAS 0.3.31 NO_AFFINITY HASWELL"));
        Set<String> avx2 = Set.of("sse4_2", "avx", "avx2", "fma");
        Set<String> avx512 = Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq");
        assertEquals("Haswell", BlasKernel.best(avx2));
        assertEquals("SkylakeX", BlasKernel.best(avx512));
        assertNull(BlasKernel.best(Set.of("sse4_2")));
        String prescott = "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Prescott MAX_THREADS=64";
        assertTrue(BlasKernel.of(prescott, avx2).fellBack(), "generic on an AVX2 processor");
        assertFalse(BlasKernel.of(prescott, Set.of("sse4_2")).fellBack(), "the best there is");
        assertFalse(BlasKernel.of(config, avx512).fellBack(), "AVX2 is not a generic kernel");
    }

    /**
     * On this machine the kernel OpenBLAS runs is not a generic one, in this JVM and in a fresh one
     * with the same environment (what the launch scripts ask; they would set nothing). The
     * environment's own OPENBLAS_CORETYPE, if any, is left as it is.
     */
    @Test
    void theKernelOnThisMachineIsNotTheGenericOne() throws Exception {
        BlasKernel here = BlasKernel.current();
        assumeTrue(here.best() != null, "a processor without AVX: the generic kernel is its best");
        assertFalse(here.fellBack(), here.describe());
        assertTrue(here.describe().contains(here.core()), here.describe());
        assertEquals("", suggestion(), "the scripts' probe asks for no other kernel");
    }

    /** What BlasKernel's main prints in a fresh JVM with this environment. */
    private static String suggestion() throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BlasKernel.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
