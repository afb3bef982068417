package io.physcast.model.synth;

import java.util.SplittableRandom;

/**
 * The variable-coefficient convection-diffusion system of the PA-DGN appendix on the periodic
 * square [0, 2 pi]^2: {@code df/dt = a f_x + b f_y + c (f_xx + f_yy)} with
 *
 * <pre>
 *   a = 0.5 (cos y + x (2 pi - x) sin x) + 0.6,   b = 2 (cos y + sin x) + 0.8,
 *   c = 0.5 (1 - sqrt((x - pi)^2 + (y - pi)^2) / (sqrt 2 pi)),
 * </pre>
 *
 * explicit Euler with central differences on a 50 x 50 mesh. Frames are dt = 0.01 apart as in the
 * paper; each is reached in {@link #SUBSTEPS} Euler steps because one step of 0.01 breaks the
 * explicit scheme's diffusion limit ({@code c dt (2 / dx^2) <= 1/2}) on this mesh. The initial
 * condition is a sum of random Fourier modes {@code lambda cos(kx + ly) + gamma sin(kx + ly)}, |k|,
 * |l| <= 9, with amplitudes falling as 1 / (1 + |(k, l)|) so the field stays resolvable at 250
 * sampled points.
 */
public final class ConvectionDiffusion {
    public static final int GRID = 50;
    public static final double FRAME_DT = 0.01;
    static final int SUBSTEPS = 10;
    private static final int MODES = 6;
    private final double[] a = new double[GRID * GRID];
    private final double[] b = new double[GRID * GRID];
    private final double[] c = new double[GRID * GRID];
    private final double h = 2 * Math.PI / GRID;

    public ConvectionDiffusion() {
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                double x = i * h;
                double y = j * h;
                a[i * GRID + j] = 0.5 * (Math.cos(y) + x * (2 * Math.PI - x) * Math.sin(x)) + 0.6;
                b[i * GRID + j] = 2 * (Math.cos(y) + Math.sin(x)) + 0.8;
                double r = Math.hypot(x - Math.PI, y - Math.PI);
                c[i * GRID + j] = 0.5 * (1 - r / (Math.sqrt(2) * Math.PI));
            }
        }
    }

    /** Mesh coordinate of index i (x for the first index, y for the second). */
    public double coordinate(int i) {
        return i * h;
    }

    /** A random initial field, {@code [i * GRID + j]} at (x_i, y_j). */
    public double[] initial(SplittableRandom r) {
        double[] f = new double[GRID * GRID];
        for (int m = 0; m < MODES; m++) {
            int k = r.nextInt(-9, 10);
            int l = r.nextInt(-9, 10);
            double scale = 1 / (1 + Math.hypot(k, l));
            double lambda = r.nextGaussian() * scale;
            double gamma = r.nextGaussian() * scale;
            for (int i = 0; i < GRID; i++) {
                for (int j = 0; j < GRID; j++) {
                    double phase = k * i * h + l * j * h;
                    f[i * GRID + j] += lambda * Math.cos(phase) + gamma * Math.sin(phase);
                }
            }
        }
        return f;
    }

    /** Advances one frame (FRAME_DT) in place. */
    public void advance(double[] f) {
        for (int s = 0; s < SUBSTEPS; s++) {
            eulerStep(f, FRAME_DT / SUBSTEPS);
        }
    }

    /** One explicit Euler step with central differences, in place. */
    void eulerStep(double[] f, double dt) {
        double[] next = new double[f.length];
        for (int i = 0; i < GRID; i++) {
            int ip = (i + 1) % GRID;
            int im = (i + GRID - 1) % GRID;
            for (int j = 0; j < GRID; j++) {
                int jp = (j + 1) % GRID;
                int jm = (j + GRID - 1) % GRID;
                int k = i * GRID + j;
                double fx = (f[ip * GRID + j] - f[im * GRID + j]) / (2 * h);
                double fy = (f[i * GRID + jp] - f[i * GRID + jm]) / (2 * h);
                double lap =
                        (f[ip * GRID + j]
                                        + f[im * GRID + j]
                                        + f[i * GRID + jp]
                                        + f[i * GRID + jm]
                                        - 4 * f[k])
                                / (h * h);
                next[k] = f[k] + dt * (a[k] * fx + b[k] * fy + c[k] * lap);
            }
        }
        System.arraycopy(next, 0, f, 0, f.length);
    }
}
