package io.physcast.flink.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Latency from window close to forecasts in the topic, as a consumer sees it: a window ending at W
 * closes when the replay sends the first reading with event time at or after W plus the job's
 * out-of-orderness (the watermark then passes W); its forecasts arrive when the consumer first
 * reads one issued at W (read_committed, so this includes waiting for the checkpoint).
 */
final class WindowLatency {
    private WindowLatency() {}

    /** Latencies in ms of every window with both a close and forecasts, in window order. */
    static List<Long> of(
            List<Message> messages, long[] sentAt, long outOfOrderness, Map<Long, Long> firstSeen) {
        List<Long> issues = new ArrayList<>(firstSeen.keySet());
        Collections.sort(issues);
        List<Long> out = new ArrayList<>();
        int i = 0;
        long maxEvent = Long.MIN_VALUE;
        for (long w : issues) {
            while (i < messages.size() && maxEvent < w + outOfOrderness) {
                Message.ValidReading r = messages.get(i).reading();
                if (r != null) {
                    maxEvent = Math.max(maxEvent, r.time());
                }
                i++;
            }
            if (maxEvent >= w + outOfOrderness && sentAt[i - 1] > 0) {
                out.add(firstSeen.get(w) - sentAt[i - 1]);
            }
        }
        return out;
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.floor(p * s.size())));
    }
}
