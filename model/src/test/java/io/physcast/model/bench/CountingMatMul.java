package io.physcast.model.bench;

import io.physcast.model.tensor.MatMul;

/** Counts the floating-point operations ({@code 2 m n k} per call) of the products it forwards. */
final class CountingMatMul implements MatMul {
    private final MatMul inner;
    private long flops;
    private int calls;

    CountingMatMul(MatMul inner) {
        this.inner = inner;
    }

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
        flops += 2L * m * n * k;
        calls++;
        inner.gemm(transA, transB, m, n, k, a, b, beta, c);
    }

    @Override
    public String name() {
        return inner.name();
    }

    MatMul inner() {
        return inner;
    }

    long flops() {
        return flops;
    }

    int calls() {
        return calls;
    }
}
