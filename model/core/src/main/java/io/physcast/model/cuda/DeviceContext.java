package io.physcast.model.cuda;

import static org.bytedeco.cuda.global.cublas.CUBLAS_DEFAULT_MATH;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_N;
import static org.bytedeco.cuda.global.cublas.CUBLAS_OP_T;
import static org.bytedeco.cuda.global.cublas.CUBLAS_TF32_TENSOR_OP_MATH;
import static org.bytedeco.cuda.global.cublas.cublasCreate_v2;
import static org.bytedeco.cuda.global.cublas.cublasSetMathMode;
import static org.bytedeco.cuda.global.cublas.cublasSetStream_v2;
import static org.bytedeco.cuda.global.cublas.cublasSgemm_v2;
import static org.bytedeco.cuda.global.cudart.cuLaunchKernel;
import static org.bytedeco.cuda.global.cudart.cudaFreeAsync;
import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMallocAsync;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaMemsetAsync;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreate;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One thread's use of the GPU: a stream (everything below is queued on it, in order), a cuBLAS
 * handle on that stream, a pinned staging buffer for copies, and the kernel argument slots. Not
 * thread-safe: each thread gets its own from {@link CudaRuntime#context()}.
 *
 * <p>Uploads are queued, not waited for: each takes the next free part of the pinned buffer, which
 * is reused only after the stream has been synchronised (a download, {@link #sync()}, or the buffer
 * running full), so a step's copies and kernels run back to back while Java queues the next.
 */
public final class DeviceContext {
    private static final int THREADS = 256;
    private static final int MAX_BLOCKS = 8192;
    private static final int SLOTS = 24;

    private final CudaRuntime runtime;
    private final CUstream_st stream = new CUstream_st();
    private final cublasContext blas = new cublasContext();
    private final PointerPointer<Pointer> allocated = new PointerPointer<>(1);
    private final LongPointer slots = new LongPointer(SLOTS);
    private final PointerPointer<Pointer> params = new PointerPointer<>(SLOTS);
    private final FloatPointer one = new FloatPointer(1).put(1f);
    private final FloatPointer zero = new FloatPointer(1).put(0f);
    private final DeviceCache cache = new DeviceCache(this);
    private long staging;
    private long stagingBytes;
    private long stagingUsed;

    DeviceContext(CudaRuntime runtime) {
        this.runtime = runtime;
        CudaRuntime.check(cudaSetDevice(0), "cudaSetDevice"); // this thread on the primary context
        CudaRuntime.check(cudaStreamCreate(stream), "cudaStreamCreate");
        CudaRuntime.check(cublasCreate_v2(blas), "cublasCreate");
        CudaRuntime.check(cublasSetStream_v2(blas, stream), "cublasSetStream");
        CudaRuntime.check(
                cublasSetMathMode(
                        blas, runtime.tf32() ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
                "cublasSetMathMode");
        for (int i = 0; i < SLOTS; i++) {
            params.put(i, Addresses.at(slots.address() + 8L * i));
        }
        growStaging(1 << 20);
    }

    // ------------------------------------------------------------------ memory

    /**
     * The device copy of an object that does not change while it lives (a graph's arrays), uploaded
     * by {@code upload} on first use and freed after the object is collected.
     */
    public <K> DeviceArray[] cached(
            K object, java.util.function.Function<K, DeviceArray[]> upload) {
        return cache.get(object, upload);
    }

    /** Uninitialised device memory for {@code size} elements of 4 bytes. */
    public DeviceArray alloc(long size) {
        return allocBytes(size, 4);
    }

    /** Uninitialised device memory for {@code size} elements of {@code bytes} bytes each. */
    public DeviceArray allocBytes(long size, int bytes) {
        CudaRuntime.check(
                cudaMallocAsync(allocated, Math.max(size * bytes, 4), stream), "cudaMallocAsync");
        return new DeviceArray(allocated.get(0).address(), size, true);
    }

    public DeviceArray zeros(long size) {
        DeviceArray a = alloc(size);
        zero(a);
        return a;
    }

    public void zero(DeviceArray a) {
        CudaRuntime.check(
                cudaMemsetAsync(Addresses.at(a.address), 0, 4 * a.size, stream), "cudaMemsetAsync");
    }

    public void free(DeviceArray a) {
        if (a != null && a.owned) {
            CudaRuntime.check(cudaFreeAsync(Addresses.at(a.address), stream), "cudaFreeAsync");
        }
    }

    /** {@code count} floats from {@code src} to {@code dst}. */
    public void copy(DeviceArray dst, DeviceArray src, long count) {
        CudaRuntime.check(
                cudaMemcpyAsync(
                        Addresses.at(dst.address),
                        Addresses.at(src.address),
                        4 * count,
                        cudaMemcpyDeviceToDevice,
                        stream),
                "cudaMemcpyAsync D2D");
    }

    public DeviceArray upload(float[] values) {
        DeviceArray a = alloc(values.length);
        upload(values, a);
        return a;
    }

    public void upload(float[] values, DeviceArray into) {
        long at = stage(4L * values.length);
        Addresses.floats(at).put(values, 0, values.length);
        queueUpload(at, into, 4L * values.length);
    }

    public DeviceArray upload(int[] values) {
        DeviceArray a = alloc(values.length);
        long at = stage(4L * values.length);
        Addresses.ints(at).put(values, 0, values.length);
        queueUpload(at, a, 4L * values.length);
        return a;
    }

    public DeviceArray upload(double[] values) {
        DeviceArray a = allocBytes(values.length, 8);
        long at = stage(8L * values.length);
        Addresses.doubles(at).put(values, 0, values.length);
        queueUpload(at, a, 8L * values.length);
        return a;
    }

    public DeviceArray upload(byte[] values) {
        DeviceArray a = allocBytes((values.length + 3) / 4, 4);
        long at = stage(values.length);
        Addresses.bytes(at).put(values, 0, values.length);
        queueUpload(at, a, values.length);
        return a;
    }

    /** The first {@code into.length} floats of {@code a}; waits for the stream. */
    public void download(DeviceArray a, float[] into) {
        download(a.address, 4L * into.length);
        Addresses.floats(staging).get(into, 0, into.length);
    }

    public float[] download(DeviceArray a) {
        float[] out = new float[Math.toIntExact(a.size)];
        download(a, out);
        return out;
    }

    private void download(long from, long bytes) {
        sync(); // the staging buffer is free once the stream is idle
        if (bytes > stagingBytes) {
            growStaging(bytes);
        }
        CudaRuntime.check(
                cudaMemcpyAsync(
                        Addresses.at(staging),
                        Addresses.at(from),
                        bytes,
                        cudaMemcpyDeviceToHost,
                        stream),
                "cudaMemcpyAsync D2H");
        sync();
    }

    private void queueUpload(long from, DeviceArray into, long bytes) {
        CudaRuntime.check(
                cudaMemcpyAsync(
                        Addresses.at(into.address),
                        Addresses.at(from),
                        bytes,
                        cudaMemcpyHostToDevice,
                        stream),
                "cudaMemcpyAsync H2D");
    }

    /** The address of {@code bytes} free bytes in the pinned staging buffer. */
    private long stage(long bytes) {
        long need = (bytes + 255) & ~255L;
        if (stagingUsed + need > stagingBytes) {
            sync(); // earlier uploads have left the buffer
            stagingUsed = 0;
            if (need > stagingBytes) {
                growStaging(need);
            }
        }
        long at = staging + stagingUsed;
        stagingUsed += need;
        return at;
    }

    private void growStaging(long bytes) {
        if (staging != 0) {
            CudaRuntime.check(cudaFreeHost(Addresses.at(staging)), "cudaFreeHost");
        }
        long size = Math.max(bytes + bytes / 2, 1 << 20);
        PointerPointer<Pointer> p = new PointerPointer<>(1);
        CudaRuntime.check(cudaMallocHost(p, size), "cudaMallocHost");
        staging = p.get(0).address();
        stagingBytes = size;
        stagingUsed = 0;
    }

    /** Waits until everything queued on this thread's stream has run. */
    public void sync() {
        CudaRuntime.check(cudaStreamSynchronize(stream), "cudaStreamSynchronize");
        stagingUsed = 0;
    }

    // ------------------------------------------------------------------ compute

    /**
     * Runs kernel {@code name} over {@code n} elements (a grid-stride loop: blocks of 256, at most
     * 8,192 of them). Arguments: {@link DeviceArray} (its address; null for a null pointer),
     * Integer, Long, Float, Double.
     */
    public void launch(String name, long n, Object... args) {
        long blocks = Math.min(MAX_BLOCKS, Math.max(1, (n + THREADS - 1) / THREADS));
        launchGrid(name, (int) blocks, THREADS, args);
    }

    /** Runs kernel {@code name} with an explicit grid. */
    public void launchGrid(String name, int blocks, int threads, Object... args) {
        if (args.length > SLOTS) {
            throw new IllegalArgumentException(name + ": too many arguments");
        }
        for (int i = 0; i < args.length; i++) {
            slots.put(i, slot(args[i]));
        }
        CudaRuntime.check(
                cuLaunchKernel(
                        runtime.kernel(name), blocks, 1, 1, threads, 1, 1, 0, stream, params, null),
                "cuLaunchKernel " + name);
    }

    /**
     * A kernel argument as the 8 bytes of its slot (little-endian: a 4-byte one in the low half).
     */
    private static long slot(Object a) {
        if (a == null) {
            return 0L;
        } else if (a instanceof DeviceArray d) {
            return d.address;
        } else if (a instanceof Integer i) {
            return i & 0xffffffffL;
        } else if (a instanceof Long l) {
            return l;
        } else if (a instanceof Float f) {
            return Float.floatToRawIntBits(f) & 0xffffffffL;
        } else if (a instanceof Double d) {
            return Double.doubleToRawLongBits(d);
        }
        throw new IllegalArgumentException("kernel argument " + a);
    }

    /**
     * Row-major {@code C = op(A) op(B) + beta C} ({@code m x n}, inner {@code k}), as {@link
     * io.physcast.model.tensor.MatMul#gemm}: cuBLAS is column-major, so it computes {@code C^T =
     * op(B)^T op(A)^T} on the same memory.
     */
    public void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            DeviceArray a,
            DeviceArray b,
            float beta,
            DeviceArray c) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        CudaRuntime.check(
                cublasSgemm_v2(
                        blas,
                        transB ? CUBLAS_OP_T : CUBLAS_OP_N,
                        transA ? CUBLAS_OP_T : CUBLAS_OP_N,
                        n,
                        m,
                        k,
                        one,
                        Addresses.floats(b.address),
                        ldb,
                        Addresses.floats(a.address),
                        lda,
                        beta == 0f ? zero : beta == 1f ? one : new FloatPointer(1).put(beta),
                        Addresses.floats(c.address),
                        n),
                "cublasSgemm");
    }
}
