package io.physcast.flink.cli;

import io.physcast.flink.job.Preflight;
import io.physcast.flink.local.Message;
import io.physcast.flink.local.Messages;
import io.physcast.flink.local.Replay;
import io.physcast.model.cli.CommandLines;
import io.physcast.model.cli.StationFiles;
import io.physcast.model.data.Reading;
import io.physcast.model.data.ReadingCsv;
import io.physcast.model.data.Station;
import io.physcast.model.data.StationCsv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scripts/replay.sh}: pushes a CSV data set (README, "Your own data") into a topic as Avro
 * readings, in event-time order, paced by {@code --speedup} (0: as fast as possible).
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "scripts/replay.sh: sends a CSV data set to a topic as Avro SensorReading records, in"
                    + " event-time order."
        })
public final class ReplayCommand {
    @Mixin ClientOptions client;

    @Mixin StationFiles files;

    @Option(
            names = "--region",
            required = true,
            paramLabel = "NAME",
            description = "Region of every reading (with --variable, the job's key).")
    String region;

    @Option(
            names = "--variable",
            required = true,
            paramLabel = "NAME",
            description = "Variable of every reading (pm10, wind ...).")
    String variable;

    @Option(
            names = "--topic",
            defaultValue = "readings",
            paramLabel = "TOPIC",
            description = "Topic to send to.")
    String topic;

    @Option(
            names = "--speedup",
            defaultValue = "0",
            paramLabel = "X",
            description = "Event-time seconds sent per wall-clock second; 0: as fast as possible.")
    double speedup;

    static void run(String[] argv) throws Exception {
        CommandLines.parse(new ReplayCommand(), argv).replay();
    }

    private void replay() throws Exception {
        double speedup = Replay.checkSpeedup(this.speedup);
        Properties props = client.kafka();
        List<Station> stations = StationCsv.read(files.stations);
        ReadingCsv.Result r = ReadingCsv.read(files.readings, stations);
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
