package io.physcast.flink;

import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Irregular hourly readings of a small network (region "ie", variable "wind") for job tests. */
public final class TestReadings {
    private TestReadings() {}

    /**
     * 0-3 readings per station and hour at random minutes (every station reports in the first
     * hour), sent up to 5 minutes out of order; not sorted.
     */
    public static List<Message> hourly(int stations, int hours, long seed) {
        Random rnd = new Random(seed);
        List<Message> messages = new ArrayList<>();
        long h = TestArtifacts.HOUR;
        for (int w = 0; w < hours; w++) {
            for (int s = 0; s < stations; s++) {
                int n = w == 0 ? 1 + rnd.nextInt(3) : rnd.nextInt(4);
                for (int r = 0; r < n; r++) {
                    long t = TestArtifacts.T0 + w * h + rnd.nextInt((int) h);
                    messages.add(
                            Messages.reading(
                                    t + rnd.nextInt(300_000),
                                    "ie",
                                    "wind",
                                    "s" + s,
                                    t,
                                    TestArtifacts.lat(s),
                                    TestArtifacts.lon(s),
                                    TestArtifacts.value(s, w) + rnd.nextGaussian() * 0.1));
                }
            }
        }
        return messages;
    }
}
