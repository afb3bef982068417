package io.physcast.model.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * gemm through ND4J's active backend (nd4j-native, or nd4j-cuda under {@code -Pcuda}). Copies the
 * operands in and the product out, so it only pays for large products; it exists so the CUDA
 * backend can carry the arithmetic of big graphs. The only class in the model that imports ND4J.
 */
final class Nd4jMatMul implements MatMul {
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
        INDArray ma = Nd4j.create(a, transA ? new long[] {k, m} : new long[] {m, k}, 'c');
        INDArray mb = Nd4j.create(b, transB ? new long[] {n, k} : new long[] {k, n}, 'c');
        if (transA) {
            ma = ma.transpose();
        }
        if (transB) {
            mb = mb.transpose();
        }
        float[] prod = ma.mmul(mb).castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int i = 0; i < c.length; i++) {
            c[i] = (beta == 0f ? 0f : beta * c[i]) + prod[i];
        }
    }

    @Override
    public String name() {
        return "nd4j:" + Nd4j.getBackend().getClass().getSimpleName();
    }
}
