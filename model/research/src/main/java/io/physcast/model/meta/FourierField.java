package io.physcast.model.meta;

import java.util.SplittableRandom;

/**
 * A random smooth periodic field on [0, 2pi]^2, a sum of Fourier modes {@code a cos(kx + ly) + b
 * sin(kx + ly)} with integer wave numbers up to {@code maxWave} (the task's fluctuation: larger
 * waves, larger derivatives). Value, gradient and Laplacian are exact, so they can label the
 * meta-train auxiliary tasks. The same family as the convection-diffusion initial states.
 */
public final class FourierField {
    private final int[] k;
    private final int[] l;
    private final double[] a;
    private final double[] b;

    public FourierField(int modes, int maxWave, SplittableRandom r) {
        k = new int[modes];
        l = new int[modes];
        a = new double[modes];
        b = new double[modes];
        for (int m = 0; m < modes; m++) {
            do {
                k[m] = r.nextInt(-maxWave, maxWave + 1);
                l[m] = r.nextInt(-maxWave, maxWave + 1);
            } while (k[m] == 0 && l[m] == 0);
            double scale = 1 / Math.sqrt(modes);
            a[m] = r.nextGaussian() * scale;
            b[m] = r.nextGaussian() * scale;
        }
    }

    public double value(double x, double y) {
        double s = 0;
        for (int m = 0; m < k.length; m++) {
            double p = k[m] * x + l[m] * y;
            s += a[m] * Math.cos(p) + b[m] * Math.sin(p);
        }
        return s;
    }

    public double dx(double x, double y) {
        return directional(x, y, true);
    }

    public double dy(double x, double y) {
        return directional(x, y, false);
    }

    private double directional(double x, double y, boolean alongX) {
        double s = 0;
        for (int m = 0; m < k.length; m++) {
            double p = k[m] * x + l[m] * y;
            double w = alongX ? k[m] : l[m];
            s += w * (-a[m] * Math.sin(p) + b[m] * Math.cos(p));
        }
        return s;
    }

    public double laplacian(double x, double y) {
        double s = 0;
        for (int m = 0; m < k.length; m++) {
            double p = k[m] * x + l[m] * y;
            s -= (k[m] * k[m] + l[m] * l[m]) * (a[m] * Math.cos(p) + b[m] * Math.sin(p));
        }
        return s;
    }
}
