package io.physcast.model.tensor;

/**
 * General matrix multiply on row-major float arrays: {@code C = alpha * op(A) * op(B) + beta * C}.
 * The one place where the heavy arithmetic happens, so the backend can be swapped (OpenBLAS on Java
 * arrays by default; see {@link MatMulBackends}).
 */
public interface MatMul {
    /**
     * @param transA use A transposed; A is stored {@code m x k} (or {@code k x m} if transposed)
     * @param transB use B transposed; B is stored {@code k x n} (or {@code n x k} if transposed)
     */
    void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            float[] b,
            float beta,
            float[] c);

    String name();
}
