package io.physcast.flink.window;

import io.physcast.flink.ingest.Reading;
import java.util.Arrays;

/**
 * Running aggregate of one station's readings in a window. Event times seen are kept (sorted) so a
 * redelivered reading is counted once; a station reports a handful of readings per window.
 */
public class StationAccumulator {
    public String region;
    public String variable;
    public String station;
    public double lat;
    public double lon;
    public double sum;
    public int count;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public double last;
    public long lastTime = Long.MIN_VALUE;
    public long[] times = new long[0];
    public int duplicates;

    public StationAccumulator() {}

    public void add(Reading r) {
        int at = Arrays.binarySearch(times, r.eventTime);
        if (at >= 0) {
            duplicates++;
            return;
        }
        int ins = -at - 1;
        long[] t = new long[times.length + 1];
        System.arraycopy(times, 0, t, 0, ins);
        t[ins] = r.eventTime;
        System.arraycopy(times, ins, t, ins + 1, times.length - ins);
        times = t;
        if (station == null) {
            region = r.region;
            variable = r.variable;
            station = r.station;
        }
        sum += r.value;
        count++;
        min = Math.min(min, r.value);
        max = Math.max(max, r.value);
        if (r.eventTime >= lastTime) {
            lastTime = r.eventTime;
            last = r.value;
            lat = r.lat;
            lon = r.lon;
        }
    }

    /** Only merging windows (sessions) call merge; this job's tumbling windows never do. */
    public StationAccumulator merge(StationAccumulator o) {
        throw new UnsupportedOperationException("tumbling windows never merge");
    }

    public StationAggregate toAggregate(long windowEnd) {
        StationAggregate a = new StationAggregate();
        a.region = region;
        a.variable = variable;
        a.station = station;
        a.lat = lat;
        a.lon = lon;
        a.windowEnd = windowEnd;
        a.mean = sum / count;
        a.count = count;
        a.min = min;
        a.max = max;
        a.last = last;
        a.lastTime = lastTime;
        a.duplicates = duplicates;
        return a;
    }
}
