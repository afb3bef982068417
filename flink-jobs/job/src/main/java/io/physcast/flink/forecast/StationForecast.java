package io.physcast.flink.forecast;

/** The forecast for one station issued at one window end (a Flink POJO; Avro at the sink). */
public class StationForecast {
    public String region;
    public String variable;
    public String station;
    public long issueTime;
    public String modelVersion;

    /** End of each target window, horizons 1..H. */
    public long[] targetTimes;

    /** The emitted forecasts: the skill guard's combination. */
    public double[] values;

    /** The model's own forecasts, horizons 1..H. */
    public double[] modelValues;

    /** Interval levels, and their bounds [level][h] (NaN: no interval at that horizon yet). */
    public double[] levels;

    public double[][] lower;
    public double[][] upper;

    public StationForecast() {}
}
