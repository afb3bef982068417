package io.physcast.flink.forecast;

/**
 * Absolute errors per horizon of the model and of persistence over the same (station, target)
 * pairs: those whose target window was observed and whose station had a value at issue time.
 */
public final class HorizonScores {
    public final double[] modelAbs;
    public final double[] persistenceAbs;
    public final long[] count;

    public HorizonScores(int horizon) {
        modelAbs = new double[horizon];
        persistenceAbs = new double[horizon];
        count = new long[horizon];
    }

    /**
     * @param h 0-based horizon; the absolute errors of the model and of persistence
     */
    public void add(int h, double model, double persistence) {
        modelAbs[h] += model;
        persistenceAbs[h] += persistence;
        count[h]++;
    }

    public void addAll(HorizonScores o) {
        for (int h = 0; h < count.length; h++) {
            modelAbs[h] += o.modelAbs[h];
            persistenceAbs[h] += o.persistenceAbs[h];
            count[h] += o.count[h];
        }
    }

    public double modelMae(int h) {
        return count[h] == 0 ? Double.NaN : modelAbs[h] / count[h];
    }

    /** The model's MAE over every (station, target) pair of every horizon. */
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
        return n == 0 ? Double.NaN : sum / n;
    }

    public double persistenceMae(int h) {
        return count[h] == 0 ? Double.NaN : persistenceAbs[h] / count[h];
    }
}
