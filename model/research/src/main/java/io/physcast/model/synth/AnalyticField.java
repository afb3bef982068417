package io.physcast.model.synth;

/**
 * The two analytic fields of PA-DGN section 3.1 with their exact gradients and Laplacians: {@code
 * f1 = 0.1 x^2 + 0.5 y^2} (monotone from a centre) and {@code f2 = sin x + cos y} (periodic).
 */
public enum AnalyticField {
    F1 {
        @Override
        public double value(double x, double y) {
            return 0.1 * x * x + 0.5 * y * y;
        }

        @Override
        public double dx(double x, double y) {
            return 0.2 * x;
        }

        @Override
        public double dy(double x, double y) {
            return y;
        }

        @Override
        public double laplacian(double x, double y) {
            return 1.2;
        }
    },
    F2 {
        @Override
        public double value(double x, double y) {
            return Math.sin(x) + Math.cos(y);
        }

        @Override
        public double dx(double x, double y) {
            return Math.cos(x);
        }

        @Override
        public double dy(double x, double y) {
            return -Math.sin(y);
        }

        @Override
        public double laplacian(double x, double y) {
            return -Math.sin(x) - Math.cos(y);
        }
    };

    public abstract double value(double x, double y);

    public abstract double dx(double x, double y);

    public abstract double dy(double x, double y);

    public abstract double laplacian(double x, double y);

    /** The key used in results files: "f1" or "f2". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
