package io.physcast.flink.local;

/**
 * One message of a replay: when to send it (event-time clock of the replay), its key and its bytes,
 * and, for a valid reading, the reading itself (null for deliberately bad messages).
 */
public record Message(long sendAt, String key, byte[] value, ValidReading reading) {
    /** What a valid message carries, for the runner's own scoring. */
    public record ValidReading(
            String region, String variable, String station, long time, double value) {}
}
