package io.physcast.flink.ingest;

/** What the source emits for each Kafka message: a valid reading or a dead letter, never both. */
public class Ingested {
    public Reading reading;
    public DeadLetterRecord deadLetter;

    public Ingested() {}

    public static Ingested valid(Reading r) {
        Ingested i = new Ingested();
        i.reading = r;
        return i;
    }

    public static Ingested dead(DeadLetterRecord d) {
        Ingested i = new Ingested();
        i.deadLetter = d;
        return i;
    }
}
