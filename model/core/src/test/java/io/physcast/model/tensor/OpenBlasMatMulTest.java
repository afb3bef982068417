package io.physcast.model.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The OpenBLAS backend against the plain Java one through its reused native buffers: shapes that
 * grow and shrink again, both transposes, beta 0 (C only written) and 1 (C read and accumulated).
 */
class OpenBlasMatMulTest {
    @Test
    void matchesThePlainJavaProductThroughGrowingAndShrinkingBuffers() {
        MatMul blas = new OpenBlasMatMul(1);
        MatMul java = MatMulBackends.java();
        SplittableRandom r = new SplittableRandom(17);
        int[][] shapes = {
            {3, 4, 5}, {300, 96, 64}, {7, 2, 9}, {1, 1, 1}, {500, 33, 17}, {12, 12, 3}
        };
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                for (float beta : new float[] {0f, 1f}) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = random(m * k, r);
                    float[] b = random(k * n, r);
                    float[] c = random(m * n, r);
                    float[] expected = c.clone();
                    // garbage in C must not leak into a beta-0 product
                    float[] actual = beta == 0f ? random(m * n, r) : c.clone();
                    java.gemm(ta, tb, m, n, k, a, b, beta, expected);
                    blas.gemm(ta, tb, m, n, k, a, b, beta, actual);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(
                                expected[i],
                                actual[i],
                                1e-4f * (1 + k),
                                m + "x" + n + "x" + k + " ta=" + ta + " tb=" + tb + " beta=" + beta
                                        + " [" + i + "]");
                    }
                }
            }
        }
    }

    private static float[] random(int size, SplittableRandom r) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
