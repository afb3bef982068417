package io.physcast.flink.cli;

import io.physcast.flink.job.Preflight;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import io.physcast.flink.local.Replay;
import io.physcast.model.cli.Args;
import io.physcast.model.data.Reading;
import io.physcast.model.data.ReadingCsv;
import io.physcast.model.data.Station;
import io.physcast.model.data.StationCsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * {@code scripts/replay.sh}: pushes a CSV data set (DESIGN.md section 3) into a topic as Avro
 * readings, in event-time order, paced by {@code --speedup} (0: as fast as possible).
 */
final class ReplayCommand {
    private ReplayCommand() {}

    static void run(String[] argv) throws Exception {
        Args a = new Args(argv, Set.of());
        double speedup = Replay.checkSpeedup(a.getDouble("speedup", 0));
        Properties props = ClientOptions.kafka(a);
        String topic = a.get("topic", "readings");
        List<Station> stations = StationCsv.read(Path.of(a.require("stations")));
        ReadingCsv.Result r = ReadingCsv.read(Path.of(a.require("readings")), stations);
        String region = a.require("region");
        String variable = a.require("variable");
        List<Message> messages = new ArrayList<>(r.readings().size());
        for (Reading x : r.readings()) {
            Station s = stations.get(x.station());
            long t = x.time().toEpochMilli();
            messages.add(
                    Messages.reading(t, region, variable, s.id(), t, s.lat(), s.lon(), x.value()));
        }
        messages.sort(Comparator.comparingLong(Message::sendAt));
        // the files first (they fail at once), then the brokers (they take the timeout to fail)
        Preflight.requireTopics(props, List.of(topic), ClientOptions.PREFLIGHT_TIMEOUT);
        System.out.printf(
                "replaying %d readings of %d stations (rejected rows: %s)%n",
                messages.size(), stations.size(), r.rejected());
        Replay.send(props, topic, messages, speedup, n -> System.out.println("sent " + n));
    }
}
