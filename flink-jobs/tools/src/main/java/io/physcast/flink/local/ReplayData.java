package io.physcast.flink.local;

import io.physcast.model.data.StationDataset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the local runner replays: the messages (valid and bad, in send order), the data a default
 * model is trained on (earlier, disjoint from the replayed part), and the job settings that fit the
 * data's clock.
 *
 * @param training frames the default model trains on (never replayed)
 * @param earliest oldest event time the job accepts (historic data sets start decades ago)
 */
public record ReplayData(
        String name,
        String region,
        String variable,
        Duration window,
        List<Message> messages,
        StationDataset training,
        Instant earliest,
        double defaultSpeedup) {}
