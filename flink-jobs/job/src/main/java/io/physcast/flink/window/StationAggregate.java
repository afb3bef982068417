package io.physcast.flink.window;

/** One station's readings in one window (a Flink POJO). */
public class StationAggregate {
    public String region;
    public String variable;
    public String station;
    public double lat;
    public double lon;

    /** Exclusive end of the window, epoch millis: the window's identity downstream. */
    public long windowEnd;

    public double mean;
    public int count;
    public double min;
    public double max;
    public double last;
    public long lastTime;

    /** Readings with an event time already counted for this station (ignored, counted). */
    public int duplicates;

    public StationAggregate() {}
}
