package io.physcast.model.tensor;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.blas_set_num_threads;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;

/**
 * sgemm from JavaCPP's OpenBLAS build, on Java arrays copied into native buffers kept per thread.
 *
 * <p>Why the copies: JNI hands a {@code float[]} to native code as a fresh malloc'd copy and copies
 * all three arrays back on release. Copying A and B (and C when beta is not 0) into buffers that
 * stay allocated, and only C back, gave the same bits and was 8x faster for the E x 192 products of
 * a 10,000-station graph (126 -> 15 ms; large mallocs are fresh pages every call), 2-10% for N =
 * 1,000 (within JMH noise for the whole step) and 25-40% for small ones (2-core EPYC, README
 * Speed). Against ND4J's eager {@code INDArray#mmul}: 10 GFLOPS and ~50 us per op.
 */
final class OpenBlasMatMul implements MatMul {
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    OpenBlasMatMul(int threads) {
        blas_set_num_threads(threads);
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
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Buffers buf = BUFFERS.get();
        FloatPointer pa = buf.a = filled(buf.a, a, m * k);
        FloatPointer pb = buf.b = filled(buf.b, b, k * n);
        FloatPointer pc = buf.c = filled(buf.c, beta == 0f ? null : c, m * n); // beta 0: write only
        cblas_sgemm(
                CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans,
                m,
                n,
                k,
                1f,
                pa,
                lda,
                pb,
                ldb,
                beta,
                pc,
                n);
        pc.get(c, 0, m * n);
    }

    @Override
    public String name() {
        return "openblas";
    }

    /** One thread's native copies of A, B and C, grown on demand and reused. */
    private static final class Buffers {
        FloatPointer a = new FloatPointer(1);
        FloatPointer b = new FloatPointer(1);
        FloatPointer c = new FloatPointer(1);
    }

    /** {@code p} with room for {@code size} floats, holding {@code values} unless they are null. */
    private static FloatPointer filled(FloatPointer p, float[] values, int size) {
        FloatPointer q = p;
        if (q.capacity() < size) {
            q.close();
            // a little headroom: the step's sizes differ by a few rows between graphs
            q = new FloatPointer(size + size / 8);
        }
        if (values != null) {
            q.position(0).put(values, 0, size);
        }
        return q;
    }
}
