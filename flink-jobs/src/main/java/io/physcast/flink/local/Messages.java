package io.physcast.flink.local;

import io.physcast.schemas.SensorReading;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Instant;

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
        byte[] bytes = encode(region, variable, station, time, lat, lon, value);
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
                sendAt, station, encode(region, variable, station, time, lat, lon, value), null);
    }

    public static Message junk(long sendAt, String key, byte[] bytes) {
        return new Message(sendAt, key, bytes, null);
    }

    static byte[] encode(
            String region,
            String variable,
            String station,
            long time,
            double lat,
            double lon,
            double value) {
        return AvroMessages.encode(
                SensorReading.newBuilder()
                        .setStation(station)
                        .setRegion(region)
                        .setVariable(variable)
                        .setEventTime(Instant.ofEpochMilli(time))
                        .setLat(lat)
                        .setLon(lon)
                        .setValue(value)
                        .build());
    }
}
