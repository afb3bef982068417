package io.physcast.model.cuda;

import io.physcast.model.tensor.MatMul;

/**
 * A correct float32 gemm that sums the inner dimension from the last term to the first: a second
 * CPU reference whose distance from the usual one shows how far float32 rounding alone moves a
 * result (the yardstick for results that float32 does not pin down to 1e-4).
 */
final class ReverseSumMatMul implements MatMul {
    @Override
    public void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            float[] b,
            float beta,
            float[] c) {
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = k - 1; p >= 0; p--) {
                float x = transA ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    row[j] += x * (transB ? b[j * k + p] : b[p * n + j]);
                }
            }
            for (int j = 0; j < n; j++) {
                c[i * n + j] = beta == 0f ? row[j] : beta * c[i * n + j] + row[j];
            }
        }
    }

    @Override
    public String name() {
        return "reverse-sum";
    }
}
