package io.physcast.model.bench;

import io.physcast.model.tensor.MatMul;
import java.util.ArrayList;
import java.util.List;

/** Records the shape of each product it forwards, to count FLOPs ({@code 2 m n k}) and replay. */
final class CountingMatMul implements MatMul {
    /** One product's shape: {@code C (m x n) = op(A) (m x k) * op(B) (k x n) + beta C}. */
    record Product(boolean transA, boolean transB, int m, int n, int k, float beta) {
        long flops() {
            return 2L * m * n * k;
        }
    }

    private final MatMul inner;
    private final List<Product> products = new ArrayList<>();

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
        products.add(new Product(transA, transB, m, n, k, beta));
        inner.gemm(transA, transB, m, n, k, a, b, beta, c);
    }

    @Override
    public String name() {
        return inner.name();
    }

    MatMul inner() {
        return inner;
    }

    List<Product> products() {
        return products;
    }

    long flops() {
        return products.stream().mapToLong(Product::flops).sum();
    }

    int calls() {
        return products.size();
    }
}
