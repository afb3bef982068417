package io.physcast.model.experiments;

/** Mean and (population) standard deviation of repeated runs. */
public record MeanStd(double mean, double std) {
    public static MeanStd of(double[] xs) {
        double m = 0;
        for (double x : xs) {
            m += x / xs.length;
        }
        double v = 0;
        for (double x : xs) {
            v += (x - m) * (x - m) / xs.length;
        }
        return new MeanStd(m, Math.sqrt(v));
    }

    public MeanStd scaled(double k) {
        return new MeanStd(mean * k, std * k);
    }

    public String format() {
        return String.format(java.util.Locale.ROOT, "%.2f ± %.2f", mean, std);
    }
}
