package io.physcast.flink.bench;

import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's readings: {@code stations} stations spread over {@code regions} regions (the
 * job's keys), one reading per station per minute from {@code start}, {@code readings} in all.
 */
record BenchData(int stations, int readings, int regions, long start) {
    List<Message> messages() {
        List<Message> load = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            int s = i % stations;
            long minute = i / stations;
            load.add(reading(s, start + minute * 60_000L + s));
        }
        return load;
    }

    /** Hourly windows the readings touch (the last one may be partial, and still closes). */
    long windows() {
        return ((long) readings / stations + 59) / 60;
    }

    Message reading(int s, long time) {
        double lat = 50 + 5.0 * (s % 40) / 40 + 0.001 * s;
        double lon = 5 + 8.0 * (s / 40) / 25 + 0.0007 * s;
        String region = regions == 1 ? "bench" : "bench" + (s % regions);
        return Messages.reading(
                time, region, "pm10", "st" + s, time, lat, lon, 10 + Math.sin(s + time / 3.6e6));
    }
}
