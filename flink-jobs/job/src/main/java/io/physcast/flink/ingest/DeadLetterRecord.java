package io.physcast.flink.ingest;

/** An input message the job could not use, with why and where it came from (POJO). */
public class DeadLetterRecord {
    public byte[] payload;
    public String reason;
    public String topic;
    public int partition;
    public long offset;
    public long time;

    public DeadLetterRecord() {}

    public DeadLetterRecord(
            byte[] payload, String reason, String topic, int partition, long offset, long time) {
        this.payload = payload;
        this.reason = reason;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.time = time;
    }
}
