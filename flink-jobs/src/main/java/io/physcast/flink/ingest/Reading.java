package io.physcast.flink.ingest;

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

    /** The graph a reading belongs to: one region and one variable. */
    public String graphKey() {
        return GraphKey.of(region, variable);
    }

    public String stationKey() {
        return graphKey() + GraphKey.SEPARATOR + station;
    }
}
