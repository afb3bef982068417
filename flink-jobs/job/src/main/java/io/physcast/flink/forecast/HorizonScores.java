package io.physcast.flink.forecast;

/**
 * Absolute errors per horizon of the emitted (guarded) forecast, of the model's own and of
 * persistence over the same (station, target) pairs: those whose target window was observed and
 * whose station had a value at issue time; and, where intervals were emitted, their coverage and
 * width per level.
 */
public final class HorizonScores {
    public final double[] emittedAbs;
    public final double[] modelAbs;
    public final double[] persistenceAbs;
    public final long[] count;

    /** [h][level]: scored pairs with an interval, those inside it, and the widths' sum. */
    public final long[][] intervals;

    public final long[][] covered;
    public final double[][] width;

    public HorizonScores(int horizon, int levels) {
        emittedAbs = new double[horizon];
        modelAbs = new double[horizon];
        persistenceAbs = new double[horizon];
        count = new long[horizon];
        intervals = new long[horizon][levels];
        covered = new long[horizon][levels];
        width = new double[horizon][levels];
    }

    /**
     * @param h 0-based horizon; the absolute errors of the emitted forecast, the model's and
     *     persistence's
     */
    public void add(int h, double emitted, double model, double persistence) {
        emittedAbs[h] += emitted;
        modelAbs[h] += model;
        persistenceAbs[h] += persistence;
        count[h]++;
    }

    /** One scored pair's interval of level index {@code j}: whether it held the value. */
    public void addInterval(int h, int j, boolean inside, double intervalWidth) {
        intervals[h][j]++;
        covered[h][j] += inside ? 1 : 0;
        width[h][j] += intervalWidth;
    }

    public void addAll(HorizonScores o) {
        for (int h = 0; h < count.length; h++) {
            emittedAbs[h] += o.emittedAbs[h];
            modelAbs[h] += o.modelAbs[h];
            persistenceAbs[h] += o.persistenceAbs[h];
            count[h] += o.count[h];
            for (int j = 0; j < intervals[h].length; j++) {
                intervals[h][j] += o.intervals[h][j];
                covered[h][j] += o.covered[h][j];
                width[h][j] += o.width[h][j];
            }
        }
    }

    /** MAE of the emitted forecast at 0-based horizon h. */
    public double mae(int h) {
        return ratio(emittedAbs[h], count[h]);
    }

    /** MAE of the model's own forecast. */
    public double modelMae(int h) {
        return ratio(modelAbs[h], count[h]);
    }

    public double persistenceMae(int h) {
        return ratio(persistenceAbs[h], count[h]);
    }

    /** Fraction of scored values inside their level-j interval (NaN: none emitted yet). */
    public double coverage(int h, int j) {
        return ratio(covered[h][j], intervals[h][j]);
    }

    public double meanWidth(int h, int j) {
        return ratio(width[h][j], intervals[h][j]);
    }

    /** The emitted forecast's MAE over every (station, target) pair of every horizon. */
    public double pooledMae() {
        return pooled(emittedAbs);
    }

    /** The model's own MAE over every pair. */
    public double pooledModelMae() {
        return pooled(modelAbs);
    }

    /** Persistence's MAE over the same pairs. */
    public double pooledPersistenceMae() {
        return pooled(persistenceAbs);
    }

    private double pooled(double[] abs) {
        double sum = 0;
        long n = 0;
        for (int h = 0; h < count.length; h++) {
            sum += abs[h];
            n += count[h];
        }
        return ratio(sum, n);
    }

    private static double ratio(double sum, long n) {
        return n == 0 ? Double.NaN : sum / n;
    }
}
