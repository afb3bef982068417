package io.physcast.model.tensor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the gemm backend once per JVM: system property {@code physcast.blas} = {@code openblas}
 * (default) or {@code java}; {@code physcast.blas.threads} sets OpenBLAS threads (default 1: the
 * recurrent step is many medium products, and on 2 cores the second core is better spent on another
 * key).
 */
public final class MatMulBackends {
    private static final Logger LOG = LoggerFactory.getLogger(MatMulBackends.class);
    private static volatile MatMul current;

    private MatMulBackends() {}

    public static MatMul get() {
        MatMul m = current;
        if (m == null) {
            synchronized (MatMulBackends.class) {
                if (current == null) {
                    current = create(System.getProperty("physcast.blas", "openblas"));
                }
                m = current;
            }
        }
        return m;
    }

    /** For tests and benchmarks: force a backend. */
    public static void use(MatMul backend) {
        current = backend;
    }

    public static MatMul java() {
        return new JavaMatMul();
    }

    /** Which kernel OpenBLAS chose, once per JVM; a warning when it is a generic one. */
    private static void logKernel() {
        try {
            BlasKernel k = BlasKernel.current();
            if (k.fellBack()) {
                LOG.warn(k.describe());
            } else {
                LOG.info(k.describe());
            }
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            LOG.info("OpenBLAS loaded; its configuration could not be read ({})", e.toString());
        }
    }

    static MatMul create(String name) {
        int threads = Integer.getInteger("physcast.blas.threads", 1);
        switch (name) {
            case "java":
                return new JavaMatMul();
            case "openblas":
                try {
                    MatMul blas = new OpenBlasMatMul(threads);
                    logKernel();
                    return blas;
                } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                    LOG.warn("OpenBLAS did not load ({}); using the plain Java gemm", e.toString());
                    return new JavaMatMul();
                }
            default:
                throw new IllegalArgumentException(
                        "physcast.blas must be openblas or java, not " + name);
        }
    }
}
