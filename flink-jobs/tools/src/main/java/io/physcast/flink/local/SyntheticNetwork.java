package io.physcast.flink.local;

import io.physcast.model.data.FrameSeries;
import io.physcast.model.data.Station;
import io.physcast.model.data.StationDataset;
import io.physcast.model.synth.ConvectionDiffusion;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic replay: the convection-diffusion simulator (PA-DGN appendix) sampled at ~100
 * stations placed on random mesh cells of a 2 x 3 degree box, one simulator frame per hour, plus a
 * daily wave travelling east across the box (the simulated field alone diffuses towards a flat
 * state within days, after which any forecast is persistence). Each station sends an irregular
 * number of readings per hour at random minutes, with noise; stations have outages; a few readings
 * arrive late (some within the allowed lateness, some beyond it), and a few messages are malformed
 * or invalid. The default model trains on an earlier run of the same network from a different
 * initial field.
 */
public final class SyntheticNetwork {
    public static final String REGION = "synthetic";
    public static final String VARIABLE = "tracer";
    private static final long HOUR = 3_600_000L;

    private final String region;
    private final int[] cells;
    private final double[] lat;
    private final double[] lon;

    public SyntheticNetwork(int stations, long seed) {
        this(REGION, stations, seed);
    }

    /** A network named {@code region}; the seed places its stations. */
    public SyntheticNetwork(String region, int stations, long seed) {
        this.region = region;
        int grid = ConvectionDiffusion.GRID;
        if (stations < 2 || stations > grid * grid) {
            throw new IllegalArgumentException(
                    "--synthetic-stations must be in [2, "
                            + grid * grid
                            + "] (one per cell of the simulator's grid), got "
                            + stations);
        }
        SplittableRandom r = new SplittableRandom(seed);
        cells = r.ints(0, grid * grid).distinct().limit(stations).toArray();
        lat = new double[stations];
        lon = new double[stations];
        for (int s = 0; s < stations; s++) {
            lat[s] = 52 + 2.0 * (cells[s] / grid) / grid;
            lon[s] = -9 + 3.0 * (cells[s] % grid) / grid;
        }
    }

    public int stations() {
        return cells.length;
    }

    /** The network's stations and their k-NN graph (k = 4), as the snapshot assembler builds it. */
    public io.physcast.flink.snapshot.StationRoster roster() {
        String[] ids = new String[cells.length];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = id(s);
        }
        return new io.physcast.flink.snapshot.StationRoster().withStations(ids, lat, lon, 4);
    }

    /**
     * Station values per hour, {@code [hours][stations]}, in data units: {@code 10 + 5 * field + 2
     * * sin(2 pi (t / 24 h - x / box width))}, the wave's phase set by the seed.
     */
    public float[][] frames(int hours, long fieldSeed) {
        ConvectionDiffusion sim = new ConvectionDiffusion();
        SplittableRandom r = new SplittableRandom(fieldSeed);
        double[] f = sim.initial(r);
        double phase = 2 * Math.PI * r.nextDouble();
        int grid = ConvectionDiffusion.GRID;
        float[][] out = new float[hours][cells.length];
        for (int t = 0; t < hours; t++) {
            for (int s = 0; s < cells.length; s++) {
                double x = (double) (cells[s] % grid) / grid;
                double wave = Math.sin(2 * Math.PI * (t / 24.0 - x) + phase);
                out[t][s] = (float) (10 + 5 * f[cells[s]] + 2 * wave);
            }
            sim.advance(f);
        }
        return out;
    }

    public static ReplayData data(int stations, int trainHours, int replayHours, long seed) {
        SyntheticNetwork net = new SyntheticNetwork(stations, seed);
        // recent enough to pass the future/past checks with their defaults
        Instant start =
                Instant.now()
                        .truncatedTo(ChronoUnit.HOURS)
                        .minus(Duration.ofHours(replayHours + 2));
        return new ReplayData(
                "synthetic",
                REGION,
                VARIABLE,
                Duration.ofHours(1),
                net.messages(
                        net.frames(replayHours, seed + 1), start.toEpochMilli(), seed + 2, true),
                net.dataset(net.frames(trainHours, seed + 3), start.minus(Duration.ofDays(365))),
                Instant.parse("2000-01-01T00:00:00Z"),
                3600.0 * replayHours / 90);
    }

    StationDataset dataset(float[][] frames, Instant start) {
        List<Station> st = new ArrayList<>();
        for (int s = 0; s < cells.length; s++) {
            st.add(new Station(id(s), lat[s], lon[s]));
        }
        float[][] observed = new float[frames.length][cells.length];
        for (float[] row : observed) {
            java.util.Arrays.fill(row, 1f);
        }
        return new StationDataset(
                st, new FrameSeries(start, Duration.ofHours(1), frames, observed), Map.of(), 0);
    }

    /**
     * {@code regions} networks ("region-0", "region-1", ...) of {@code stations} each over {@code
     * hours} from {@code start}, in send order. Without late readings every outcome depends only on
     * the order of the messages, not on how fast they are read (fault and rescale tests compare
     * runs record for record); malformed and invalid messages stay in for the dead-letter queue.
     */
    public static List<Message> regions(
            int regions, int stations, int hours, Instant start, long seed, boolean late) {
        List<Message> out = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            SyntheticNetwork net = new SyntheticNetwork("region-" + r, stations, seed + 10L * r);
            out.addAll(
                    net.messages(
                            net.frames(hours, seed + 10L * r + 1),
                            start.toEpochMilli(),
                            seed + 10L * r + 2,
                            late));
        }
        out.sort(Comparator.comparingLong(Message::sendAt));
        return out;
    }

    List<Message> messages(float[][] frames, long start, long seed, boolean late) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Message> out = new ArrayList<>();
        int[] outageLeft = new int[cells.length];
        for (int t = 0; t < frames.length; t++) {
            for (int s = 0; s < cells.length; s++) {
                if (outageLeft[s] > 0) {
                    outageLeft[s]--;
                    continue;
                }
                if (t > 0 && r.nextDouble() < 0.005) {
                    outageLeft[s] = r.nextInt(2, 12); // an outage of a few hours
                }
                int n = t == 0 ? 2 : r.nextInt(0, 4); // irregular: 0-3 readings an hour
                for (int k = 0; k < n; k++) {
                    long time = start + t * HOUR + r.nextLong(HOUR);
                    double value = frames[t][s] + 0.05 * r.nextGaussian();
                    long sendAt = time + r.nextLong(120_000); // jitter, a little out of order
                    double u = late ? r.nextDouble() : 1;
                    if (u < 0.004) {
                        sendAt = time + 3 * HOUR + r.nextLong(HOUR); // beyond the lateness
                    } else if (u < 0.01) {
                        sendAt = time + HOUR / 2 + r.nextLong(HOUR / 4); // late but allowed
                    }
                    out.add(
                            Messages.reading(
                                    sendAt, region, VARIABLE, id(s), time, lat[s], lon[s], value));
                }
                double bad = r.nextDouble();
                long at = start + t * HOUR + r.nextLong(HOUR);
                if (bad < 0.003) {
                    byte[] junk = new byte[r.nextInt(1, 60)];
                    r.nextBytes(junk);
                    out.add(Messages.junk(at, id(s), junk));
                } else if (bad < 0.005) {
                    out.add(
                            Messages.invalid(
                                    at, region, VARIABLE, id(s), at, lat[s], lon[s], Double.NaN));
                }
            }
        }
        out.sort(Comparator.comparingLong(Message::sendAt));
        return out;
    }

    static String id(int s) {
        return String.format("syn%03d", s);
    }
}
