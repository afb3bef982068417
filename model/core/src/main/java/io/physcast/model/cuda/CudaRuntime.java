package io.physcast.model.cuda;

import static org.bytedeco.cuda.global.cudart.cuInit;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetDefaultMemPool;
import static org.bytedeco.cuda.global.cudart.cudaDriverGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaMemPoolAttrReleaseThreshold;
import static org.bytedeco.cuda.global.cudart.cudaMemPoolSetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaRuntimeGetVersion;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmemPoolHandle_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;

/**
 * The process's GPU: the CUDA 13 runtime and cuBLAS of the machine (through JavaCPP's presets),
 * device 0, and the backend's kernels loaded from the shipped PTX (which the driver compiles for
 * the GPU at hand). Loaded on first use; when anything is missing, {@link #unavailableReason()}
 * says what, and nothing here is usable. One {@link DeviceContext} per thread does the work.
 */
public final class CudaRuntime {
    /** The lowest CUDA version the driver must support: the presets link CUDA 13 libraries. */
    static final int MIN_DRIVER = 13000;

    private static final Object LOCK = new Object();
    private static volatile CudaRuntime instance;
    private static volatile String unavailable;

    private final String description;
    private final Map<String, CUfunc_st> kernels;
    private final boolean tf32;
    private final ThreadLocal<DeviceContext> contexts;

    private CudaRuntime(String description, Map<String, CUfunc_st> kernels, boolean tf32) {
        this.description = description;
        this.kernels = kernels;
        this.tf32 = tf32;
        this.contexts = ThreadLocal.withInitial(() -> new DeviceContext(this));
    }

    /** The runtime, loading it on first call; throws {@link CudaException} when unavailable. */
    public static CudaRuntime get() {
        CudaRuntime r = instance;
        if (r != null) {
            return r;
        }
        synchronized (LOCK) {
            if (instance == null && unavailable == null) {
                try {
                    instance = load();
                } catch (CudaException e) {
                    unavailable = e.getMessage();
                } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ...
                    unavailable = "the CUDA 13 libraries did not load (" + e + ")";
                }
            }
            if (instance == null) {
                throw new CudaException(unavailable);
            }
            return instance;
        }
    }

    /** Why there is no GPU backend here (after trying to load it), or null when there is one. */
    public static String unavailableReason() {
        try {
            get();
            return null;
        } catch (CudaException e) {
            return e.getMessage();
        }
    }

    /** This thread's stream, cuBLAS handle and buffers. */
    public DeviceContext context() {
        return contexts.get();
    }

    /** e.g. "NVIDIA H200, compute 9.0, 139.8 GiB, driver CUDA 13.0, runtime 13.0". */
    public String description() {
        return description;
    }

    /** Whether cuBLAS may use TF32 tensor cores for float products (physcast.cuda.tf32). */
    public boolean tf32() {
        return tf32;
    }

    CUfunc_st kernel(String name) {
        CUfunc_st f = kernels.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + name + " in kernels.ptx");
        }
        return f;
    }

    static void check(int code, String call) {
        if (code != 0) {
            String text;
            try {
                text = cudaGetErrorString(code).getString();
            } catch (RuntimeException | LinkageError e) {
                text = "error " + code;
            }
            throw new CudaException(call + " failed: " + text + " (" + code + ")");
        }
    }

    private static CudaRuntime load() {
        Loader.load(org.bytedeco.cuda.global.cudart.class);
        int[] count = {0};
        int[] driver = {0};
        int[] runtime = {0};
        check(cuInit(0), "cuInit");
        check(cudaDriverGetVersion(driver), "cudaDriverGetVersion");
        if (driver[0] < MIN_DRIVER) {
            throw new CudaException(
                    "the driver supports CUDA " + version(driver[0]) + "; the backend needs 13.0");
        }
        check(cudaGetDeviceCount(count), "cudaGetDeviceCount");
        if (count[0] == 0) {
            throw new CudaException("no CUDA device");
        }
        check(cudaRuntimeGetVersion(runtime), "cudaRuntimeGetVersion");
        check(cudaSetDevice(0), "cudaSetDevice");
        check(cudaFree(null), "cudaFree(0)"); // creates the primary context
        cudaDeviceProp p = new cudaDeviceProp();
        check(cudaGetDeviceProperties(p, 0), "cudaGetDeviceProperties");
        // freed memory stays in the stream-ordered pool for the next step's allocations
        CUmemPoolHandle_st pool = new CUmemPoolHandle_st();
        check(cudaDeviceGetDefaultMemPool(pool, 0), "cudaDeviceGetDefaultMemPool");
        check(
                cudaMemPoolSetAttribute(
                        pool,
                        cudaMemPoolAttrReleaseThreshold,
                        new LongPointer(1).put(Long.MAX_VALUE)),
                "cudaMemPoolSetAttribute");
        Loader.load(org.bytedeco.cuda.global.cublas.class);
        String ptx = ptx();
        CUmod_st module = new CUmod_st();
        check(cuModuleLoadData(module, new BytePointer(ptx)), "cuModuleLoadData(kernels.ptx)");
        Map<String, CUfunc_st> kernels = new HashMap<>();
        Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\(").matcher(ptx);
        while (m.find()) {
            CUfunc_st f = new CUfunc_st();
            check(cuModuleGetFunction(f, module, m.group(1)), "cuModuleGetFunction " + m.group(1));
            kernels.put(m.group(1), f);
        }
        String description =
                String.format(
                        "%s, compute %d.%d, %.1f GiB, driver CUDA %s, runtime %s",
                        p.name().getString(),
                        p.major(),
                        p.minor(),
                        p.totalGlobalMem() / (double) (1L << 30),
                        version(driver[0]),
                        version(runtime[0]));
        return new CudaRuntime(description, kernels, Boolean.getBoolean("physcast.cuda.tf32"));
    }

    private static String ptx() {
        try (InputStream in = CudaRuntime.class.getResourceAsStream("kernels.ptx")) {
            if (in == null) {
                throw new CudaException("kernels.ptx is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new CudaException("kernels.ptx could not be read: " + e.getMessage());
        }
    }

    private static String version(int v) {
        return v / 1000 + "." + (v % 1000) / 10;
    }
}
