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

    public double[] values;

    public StationForecast() {}
}
