// The CUDA backend's element-wise, gather/scatter, GRU, loss and Adam kernels: the device twins of
// the loops in io.physcast.model.autodiff.*Ops and io.physcast.model.nn.Adam, written to compute
// the same values (the same tanh approximation as FastMath, sums in the CPU's order where a row's
// order is fixed). Compiled to PTX by scripts/cuda-kernels.sh into
// src/main/resources/io/physcast/model/cuda/kernels.ptx, which the driver JIT-compiles at start.
// Every kernel is a grid-stride loop over its elements, so any launch size covers any n.

#define LOOP(i, n) for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < (n); \
                        i += (long) blockDim.x * gridDim.x)

__device__ __forceinline__ float fast_tanh(float x) {
    // FastMath.tanh: Eigen's clamped rational approximation, same constants, same order
    const float clamp = 7.90531110763549805f;
    x = fminf(fmaxf(x, -clamp), clamp);
    float x2 = x * x;
    float p = -2.76076847742355e-16f;
    p = __fadd_rn(__fmul_rn(p, x2), 2.00018790482477e-13f);
    p = __fadd_rn(__fmul_rn(p, x2), -8.60467152213735e-11f);
    p = __fadd_rn(__fmul_rn(p, x2), 5.12229709037114e-08f);
    p = __fadd_rn(__fmul_rn(p, x2), 1.48572235717979e-05f);
    p = __fadd_rn(__fmul_rn(p, x2), 6.37261928875436e-04f);
    p = __fadd_rn(__fmul_rn(p, x2), 4.89352455891786e-03f);
    float q = 1.19825839466702e-06f;
    q = __fadd_rn(__fmul_rn(q, x2), 1.18534705686654e-04f);
    q = __fadd_rn(__fmul_rn(q, x2), 2.26843463243900e-03f);
    q = __fadd_rn(__fmul_rn(q, x2), 4.89352518554385e-03f);
    return __fdiv_rn(__fmul_rn(x, p), q);
}

__device__ __forceinline__ float fast_sigmoid(float x) {
    return __fadd_rn(0.5f, __fmul_rn(0.5f, fast_tanh(__fmul_rn(0.5f, x))));
}

extern "C" {

// ------------------------------------------------------------------ element-wise

__global__ void fill(float* out, float v, long n) {
    LOOP(i, n) out[i] = v;
}

// out = a + k * b (out may alias a)
__global__ void add_scaled(float* out, const float* a, const float* b, float k, long n) {
    LOOP(i, n) out[i] = a[i] + k * b[i];
}

// out = k * a
__global__ void scale(float* out, const float* a, float k, long n) {
    LOOP(i, n) out[i] = k * a[i];
}

__global__ void mul(float* out, const float* a, const float* b, long n) {
    LOOP(i, n) out[i] = a[i] * b[i];
}

// acc += g * y
__global__ void mul_acc(float* acc, const float* g, const float* y, long n) {
    LOOP(i, n) acc[i] += g[i] * y[i];
}

// out[i, j] = x[i, j] + b[j]
__global__ void add_bias(float* out, const float* x, const float* b, long n, int c) {
    LOOP(i, n) out[i] = x[i] + b[i % c];
}

// out[i, j] = b[j]
__global__ void tile_row(float* out, const float* b, long n, int c) {
    LOOP(i, n) out[i] = b[i % c];
}

// out[i, j] = x[i, j] * s[i]
__global__ void mul_column(float* out, const float* x, const float* s, long n, int c) {
    LOOP(i, n) out[i] = x[i] * s[i / c];
}

// acc[i, j] += g[i, j] * s[i]
__global__ void mul_column_acc(float* acc, const float* g, const float* s, long n, int c) {
    LOOP(i, n) acc[i] += g[i] * s[i / c];
}

// out[i, j] = s[i]
__global__ void repeat_column(float* out, const float* s, long n, int c) {
    LOOP(i, n) out[i] = s[i / c];
}

// acc[i] += sum_j g[i, j] * (x ? x[i, j] : 1), j in order (the CPU's order)
__global__ void row_dot_acc(float* acc, const float* g, const float* x, int rows, int c) {
    LOOP(i, rows) {
        float s = acc[i];
        const float* gi = g + i * (long) c;
        if (x) {
            const float* xi = x + i * (long) c;
            for (int j = 0; j < c; j++) s += gi[j] * xi[j];
        } else {
            for (int j = 0; j < c; j++) s += gi[j];
        }
        acc[i] = s;
    }
}

__global__ void relu(float* out, const float* x, long n) {
    LOOP(i, n) out[i] = fmaxf(x[i], 0.0f);
}

// acc += g where out > 0
__global__ void relu_back(float* acc, const float* g, const float* out, long n) {
    LOOP(i, n) acc[i] += out[i] > 0.0f ? g[i] : 0.0f;
}

__global__ void tanh_fwd(float* out, const float* x, long n) {
    LOOP(i, n) out[i] = fast_tanh(x[i]);
}

// acc += g * (1 - out^2)
__global__ void tanh_back(float* acc, const float* g, const float* out, long n) {
    LOOP(i, n) acc[i] += g[i] * (1.0f - out[i] * out[i]);
}

// Partial column sums of g (rows x c) over chunks of rows: part[chunk, j]. Deterministic (no
// atomics); col_finish adds the chunks in order.
__global__ void col_partial(float* part, const float* g, int rows, int c, int chunk) {
    LOOP(t, (long) c * ((rows + chunk - 1) / chunk)) {
        int j = t % c;
        int k = t / c;
        int end = min(rows, (k + 1) * chunk);
        float s = 0.0f;
        for (int r = k * chunk; r < end; r++) s += g[r * (long) c + j];
        part[t] = s;
    }
}

// acc[j] += sum_k part[k, j]
__global__ void col_finish(float* acc, const float* part, int chunks, int c) {
    LOOP(j, c) {
        float s = 0.0f;
        for (int k = 0; k < chunks; k++) s += part[k * (long) c + j];
        acc[j] += s;
    }
}

// A block of columns: dst[r, doff + j] (+)= src[r, soff + j] for j < width
__global__ void copy_cols(float* dst, int ldd, int doff, const float* src, int lds, int soff,
                          int rows, int width, int accumulate) {
    LOOP(t, (long) rows * width) {
        long r = t / width;
        int j = t % width;
        float v = src[r * lds + soff + j];
        if (accumulate) dst[r * ldd + doff + j] += v; else dst[r * ldd + doff + j] = v;
    }
}

// ------------------------------------------------------------------ graph

// out[e, :] = (base ? base[e, :] : 0) + x[index[e], :]
__global__ void gather_rows(float* out, const float* base, const float* x, const int* index,
                            int e, int c) {
    LOOP(t, (long) e * c) {
        long r = t / c;
        int j = t % c;
        float v = x[(long) index[r] * c + j];
        out[t] = base ? base[t] + v : v;
    }
}

// out[v, :] (+)= sum over k in [start[v], start[v+1]) of g[ids[k], :], in k order: a scatter-add
// of rows as a gather over each target's rows (deterministic, no atomics)
__global__ void segment_sum_rows(float* out, const float* g, const int* start, const int* ids,
                                 int n, int c, int accumulate) {
    LOOP(t, (long) n * c) {
        long v = t / c;
        int j = t % c;
        float s = accumulate ? out[t] : 0.0f;
        for (int k = start[v]; k < start[v + 1]; k++) s += g[(long) ids[k] * c + j];
        out[t] = s;
    }
}

// out[r] (+)= sum over k in [start[r], start[r+1]) of (float) (w[k] * x[col[k]]) (SparseOperator)
__global__ void sparse_rows(float* out, const double* w, const int* col, const int* start,
                            const float* x, int m, int accumulate) {
    LOOP(r, m) {
        float s = accumulate ? out[r] : 0.0f;
        for (int k = start[r]; k < start[r + 1]; k++) s += (float) (w[k] * (double) x[col[k]]);
        out[r] = s;
    }
}

// ------------------------------------------------------------------ GRU (gates r, z, n)

__global__ void gru_fwd(const float* x, const float* y, const float* h, float* rg, float* zg,
                        float* ng, float* out, int rows, int hd) {
    LOOP(k, (long) rows * hd) {
        long i = k / hd;
        int j = k % hd;
        long g = i * 3 * hd;
        float r = fast_sigmoid(x[g + j] + y[g + j]);
        float z = fast_sigmoid(x[g + hd + j] + y[g + hd + j]);
        float n = fast_tanh(x[g + 2 * hd + j] + r * y[g + 2 * hd + j]);
        rg[k] = r;
        zg[k] = z;
        ng[k] = n;
        out[k] = n + z * (h[k] - n);
    }
}

__global__ void gru_bwd(const float* go, const float* y, const float* h, const float* rg,
                        const float* zg, const float* ng, float* dgx, float* dgh, float* dh,
                        int rows, int hd) {
    LOOP(k, (long) rows * hd) {
        long i = k / hd;
        int j = k % hd;
        long g = i * 3 * hd;
        float r = rg[k];
        float z = zg[k];
        float n = ng[k];
        float d = go[k];
        float dn = d * (1.0f - z) * (1.0f - n * n);
        float dz = d * (h[k] - n) * z * (1.0f - z);
        float dr = dn * y[g + 2 * hd + j] * r * (1.0f - r);
        if (dgx) {
            dgx[g + j] += dr;
            dgx[g + hd + j] += dz;
            dgx[g + 2 * hd + j] += dn;
        }
        if (dgh) {
            dgh[g + j] += dr;
            dgh[g + hd + j] += dz;
            dgh[g + 2 * hd + j] += dn * r;
        }
        if (dh) dh[k] += d * z;
    }
}

// ------------------------------------------------------------------ loss and optimiser

// One block: out[0] = sum over observed i of (p - y)^2 (in double) / count
__global__ void masked_mse(float* out, const float* p, const float* y, const float* mask, int n,
                           double count) {
    __shared__ double part[1024];
    double s = 0.0;
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
        if (!mask || mask[i] != 0.0f) {
            double d = (double) p[i] - (double) y[i];
            s += d * d;
        }
    }
    part[threadIdx.x] = s;
    __syncthreads();
    for (int w = blockDim.x / 2; w > 0; w >>= 1) {
        if (threadIdx.x < w) part[threadIdx.x] += part[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = (float) (part[0] / count);
}

// gp[i] += gloss[0] * two_over_count * (p - y) where observed
__global__ void masked_mse_back(float* gp, const float* gloss, const float* p, const float* y,
                                const float* mask, int n, float two_over_count) {
    LOOP(i, n) {
        if (!mask || mask[i] != 0.0f) gp[i] += gloss[0] * two_over_count * (p[i] - y[i]);
    }
}

// One block: out[0] = sum of g[i]^2 (double) over trainable i
__global__ void sum_squares(double* out, const float* g, const unsigned char* trainable, long n) {
    __shared__ double part[1024];
    double s = 0.0;
    for (long i = threadIdx.x; i < n; i += blockDim.x) {
        if (trainable[i]) s += (double) g[i] * g[i];
    }
    part[threadIdx.x] = s;
    __syncthreads();
    for (int w = blockDim.x / 2; w > 0; w >>= 1) {
        if (threadIdx.x < w) part[threadIdx.x] += part[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = part[0];
}

// Adam with L2 weight decay and a global clip factor read from the device (nn.Adam's arithmetic);
// the gradient is zeroed after use, frozen entries included
__global__ void adam(float* w, float* g, float* m, float* v, const unsigned char* trainable,
                     const double* sumsq, double clip_norm, float lr, float wd, float c1,
                     float c2, long n) {
    double norm = sqrt(sumsq[0]);
    float clip = (clip_norm > 0 && norm > clip_norm) ? (float) (clip_norm / norm) : 1.0f;
    const double b1 = 0.9, b2 = 0.999;
    LOOP(i, n) {
        if (trainable[i]) {
            float gi = g[i] * clip + wd * w[i];
            m[i] = (float) (b1 * m[i] + (1 - b1) * gi);
            v[i] = (float) (b2 * v[i] + (1 - b2) * gi * gi);
            w[i] -= lr * (m[i] / c1) / (sqrtf(v[i] / c2) + 1e-8f);
        }
        g[i] = 0.0f;
    }
}

}  // extern "C"
