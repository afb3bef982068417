package io.physcast.model.eval;

/** Running MAE and RMSE per forecast horizon, over observed targets only, in the data's units. */
public final class HorizonErrors {
    private final double[] abs;
    private final double[] sq;
    private final long[] count;

    public HorizonErrors(int horizon) {
        abs = new double[horizon];
        sq = new double[horizon];
        count = new long[horizon];
    }

    /**
     * @param h 1-based horizon
     */
    public void add(int h, double forecast, double observed) {
        double d = forecast - observed;
        abs[h - 1] += Math.abs(d);
        sq[h - 1] += d * d;
        count[h - 1]++;
    }

    public double mae(int h) {
        return count[h - 1] == 0 ? Double.NaN : abs[h - 1] / count[h - 1];
    }

    public double rmse(int h) {
        return count[h - 1] == 0 ? Double.NaN : Math.sqrt(sq[h - 1] / count[h - 1]);
    }

    public long count(int h) {
        return count[h - 1];
    }
}
