package io.physcast.flink.ingest;

import io.physcast.schemas.SensorReading;
import java.io.Serializable;
import java.time.Instant;

/**
 * What makes a decoded reading usable: named station, region and variable, a finite value,
 * coordinates on the globe, and an event time that is neither before {@code earliest} nor more than
 * {@code maxFutureMillis} ahead of the wall clock.
 */
public final class ReadingRules implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long earliestMillis;
    private final long maxFutureMillis;

    public ReadingRules(Instant earliest, long maxFutureMillis) {
        this.earliestMillis = earliest.toEpochMilli();
        this.maxFutureMillis = maxFutureMillis;
    }

    /** {@code null} when the reading is usable, else the reason it is not. */
    public String problem(SensorReading r, long nowMillis) {
        if (blank(r.getStation()) || blank(r.getRegion()) || blank(r.getVariable())) {
            return "missing station, region or variable";
        }
        if (r.getRegion().contains(GraphKey.SEPARATOR)
                || r.getVariable().contains(GraphKey.SEPARATOR)) {
            return "region or variable contains '" + GraphKey.SEPARATOR + "'";
        }
        if (!Double.isFinite(r.getValue())) {
            return "value is not finite: " + r.getValue();
        }
        double lat = r.getLat();
        double lon = r.getLon();
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return "impossible coordinates: lat " + lat + ", lon " + lon;
        }
        long t = r.getEventTime().toEpochMilli();
        if (t < earliestMillis) {
            return "event time "
                    + r.getEventTime()
                    + " before "
                    + Instant.ofEpochMilli(earliestMillis);
        }
        if (t > nowMillis + maxFutureMillis) {
            return "event time " + r.getEventTime() + " is in the future";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
