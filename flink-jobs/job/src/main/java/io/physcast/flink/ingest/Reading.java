package io.physcast.flink.ingest;

import io.physcast.schemas.SensorReading;
import io.physcast.schemas.codec.AvroMessages;
import java.time.Instant;

/** A validated reading inside the job (a Flink POJO: no Avro types cross operators). */
public class Reading {
    public String station;
    public String region;
    public String variable;
    public long eventTime;
    public double lat;
    public double lon;
    public double value;

    /** Where the message came from, for dead letters raised after decoding (late data). */
    public int partition;

    public long offset;

    public Reading() {}

    public Reading(
            String station,
            String region,
            String variable,
            long eventTime,
            double lat,
            double lon,
            double value) {
        this.station = station;
        this.region = region;
        this.variable = variable;
        this.eventTime = eventTime;
        this.lat = lat;
        this.lon = lon;
        this.value = value;
    }

    /** The Kafka value of a reading (Avro single-object encoding of {@code SensorReading}). */
    public static byte[] encode(
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

    /** This reading as a Kafka value. */
    public byte[] encode() {
        return encode(region, variable, station, eventTime, lat, lon, value);
    }

    /** The graph a reading belongs to: one region and one variable. */
    public String graphKey() {
        return GraphKey.of(region, variable);
    }

    public String stationKey() {
        return graphKey() + GraphKey.SEPARATOR + station;
    }
}
