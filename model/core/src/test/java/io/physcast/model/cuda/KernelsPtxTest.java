package io.physcast.model.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped kernels.ptx is what scripts/cuda-kernels.sh makes of kernels.cu today. Needs nvcc
 * (skipped where CUDA's compiler is not installed, e.g. CI).
 */
class KernelsPtxTest {
    @Test
    void shippedPtxMatchesTheSource() throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not installed: the PTX is not rebuilt here");
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path fresh = Files.createTempFile("kernels", ".ptx");
        Process p =
                new ProcessBuilder("bash", "scripts/cuda-kernels.sh", fresh.toString())
                        .directory(root.toFile())
                        .inheritIO()
                        .start();
        assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "scripts/cuda-kernels.sh failed");
        Path shipped =
                root.resolve("model/core/src/main/resources/io/physcast/model/cuda/kernels.ptx");
        assertEquals(
                code(shipped),
                code(fresh),
                "kernels.ptx is stale: run scripts/cuda-kernels.sh after changing kernels.cu");
        Files.delete(fresh);
    }

    /** The PTX without its comment lines (which name the compiler's build). */
    private static List<String> code(Path ptx) throws IOException {
        return Files.readAllLines(ptx).stream().filter(l -> !l.startsWith("//")).toList();
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
