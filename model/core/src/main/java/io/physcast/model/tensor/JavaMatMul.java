package io.physcast.model.tensor;

/** Reference gemm in plain Java: the fallback where no native BLAS loads, and the test oracle. */
final class JavaMatMul implements MatMul {
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
            for (int p = 0; p < k; p++) {
                float av = transA ? a[p * m + i] : a[i * k + p];
                if (av == 0f) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += av * b[j * k + p];
                    }
                } else {
                    int bo = p * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += av * b[bo + j];
                    }
                }
            }
            int co = i * n;
            for (int j = 0; j < n; j++) {
                c[co + j] = (beta == 0f ? 0f : beta * c[co + j]) + row[j];
            }
        }
    }

    @Override
    public String name() {
        return "java";
    }
}
