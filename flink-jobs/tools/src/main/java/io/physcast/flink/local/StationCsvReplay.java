package io.physcast.flink.local;

import io.physcast.model.data.FrameSeries;
import io.physcast.model.data.Station;
import io.physcast.model.data.StationDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A station data set in the documented CSV layout (the built-in real sets, or a user's own) as a
 * replay: the first 70% of the frames train the default model, the rest is replayed. Each observed
 * station-window becomes two readings at random times in the window whose mean is the data set's
 * value, so the job's window means reproduce the data exactly.
 */
public final class StationCsvReplay {
    public static final double TRAIN_FRACTION = 0.7;

    private StationCsvReplay() {}

    public static ReplayData load(
            String name,
            String region,
            String variable,
            Path stations,
            Path readings,
            Duration window,
            long seed)
            throws IOException {
        StationDataset all = StationDataset.load(stations, readings, window);
        FrameSeries s = all.series();
        int split = (int) (s.length() * TRAIN_FRACTION);
        if (split < 2 || split >= s.length() - 1) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: %d windows of %s are too few to train on 70%% and replay the rest",
                            readings, s.length(), window));
        }
        StationDataset training =
                new StationDataset(
                        all.stations(),
                        new FrameSeries(
                                s.time(0),
                                window,
                                Arrays.copyOfRange(s.values(), 0, split),
                                Arrays.copyOfRange(s.observed(), 0, split)),
                        all.rejectedReadings(),
                        all.stationsWithoutReadings());
        SplittableRandom r = new SplittableRandom(seed);
        List<Message> out = new ArrayList<>();
        long w = window.toMillis();
        for (int t = split; t < s.length(); t++) {
            long start = s.time(t).toEpochMilli();
            for (int i = 0; i < all.stations().size(); i++) {
                if (s.observed()[t][i] == 0f) {
                    continue;
                }
                Station st = all.stations().get(i);
                double v = s.values()[t][i];
                double d = 0.05 * Math.abs(v) * r.nextDouble();
                for (double value : new double[] {v - d, v + d}) {
                    long time = start + r.nextLong(w);
                    out.add(
                            Messages.reading(
                                    time + r.nextLong(600_000),
                                    region,
                                    variable,
                                    st.id(),
                                    time,
                                    st.lat(),
                                    st.lon(),
                                    value));
                }
            }
        }
        out.sort(Comparator.comparingLong(Message::sendAt));
        int replayWindows = s.length() - split;
        return new ReplayData(
                name,
                region,
                variable,
                window,
                out,
                training,
                s.time(0)
                        .minus(
                                window.compareTo(Duration.ofDays(1)) > 0
                                        ? window
                                        : Duration.ofDays(1)),
                window.toSeconds() * (double) replayWindows / 90);
    }

    public static ReplayData named(String dataset, Path datasets, long seed) throws IOException {
        return switch (dataset) {
            case "irish-wind" ->
                    load(
                            dataset,
                            "ireland",
                            "wind_speed",
                            datasets.resolve("irish-wind-stations.csv"),
                            datasets.resolve("irish-wind-daily.csv"),
                            Duration.ofDays(1),
                            seed);
            case "de-pm10" ->
                    load(
                            dataset,
                            "germany",
                            "pm10",
                            datasets.resolve("de-pm10-2005-stations.csv"),
                            datasets.resolve("de-pm10-2005-daily.csv"),
                            Duration.ofDays(1),
                            seed);
            default -> throw new IllegalArgumentException("unknown data set " + dataset);
        };
    }
}
