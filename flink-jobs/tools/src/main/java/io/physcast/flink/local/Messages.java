package io.physcast.flink.local;

import io.physcast.flink.ingest.Reading;

/** Builds replay messages: valid readings and the kinds of bad input a live feed carries. */
public final class Messages {
    private Messages() {}

    public static Message reading(
            long sendAt,
            String region,
            String variable,
            String station,
            long time,
            double lat,
            double lon,
            double value) {
        byte[] bytes = Reading.encode(region, variable, station, time, lat, lon, value);
        return new Message(
                sendAt,
                station,
                bytes,
                new Message.ValidReading(region, variable, station, time, value));
    }

    /** A reading the job must reject (NaN value, bad coordinates, bad time): no ValidReading. */
    public static Message invalid(
            long sendAt,
            String region,
            String variable,
            String station,
            long time,
            double lat,
            double lon,
            double value) {
        return new Message(
                sendAt,
                station,
                Reading.encode(region, variable, station, time, lat, lon, value),
                null);
    }

    public static Message junk(long sendAt, String key, byte[] bytes) {
        return new Message(sendAt, key, bytes, null);
    }
}
