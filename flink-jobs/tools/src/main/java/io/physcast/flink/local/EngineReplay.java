package io.physcast.flink.local;

import io.physcast.flink.forecast.AdaptationSettings;
import io.physcast.flink.forecast.ForecastEngine;
import io.physcast.flink.forecast.ForecastState;
import io.physcast.flink.forecast.HorizonScores;
import io.physcast.flink.snapshot.GraphSnapshot;
import io.physcast.flink.snapshot.SnapshotFrames;
import io.physcast.flink.snapshot.StationRoster;
import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.cli.CommandLines;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/soak.sh engine}: the forecaster's logic alone ({@link ForecastEngine}, no Kafka,
 * no Flink) over a long synthetic stream, printing the online MAE of every stretch of windows (the
 * emitted forecasts', the model's own) next to persistence's. A quarter year takes minutes instead
 * of the quarter hour of a whole-pipeline soak, which makes it the tool for studying forecast
 * quality under repeated head adaptation. Readings are the synthetic network's hourly values with a
 * quarter of station-hours unobserved and a little noise, as in the replay.
 */
@Command(
        name = "engine-replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "scripts/soak.sh engine: the forecaster's logic alone on a long synthetic stream,"
                    + " printing the online MAE per stretch of windows beside persistence's."
        })
public final class EngineReplay {
    private static final long HOUR = 3_600_000L;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file.")
    Path model;

    @Option(
            names = "--hours",
            defaultValue = "2190",
            paramLabel = "H",
            description = "Hourly windows to run (2190: a quarter year).")
    int hours;

    @Option(
            names = "--stretch",
            defaultValue = "200",
            paramLabel = "WINDOWS",
            description = "Windows per printed line.")
    int stretch;

    @Option(
            names = "--horizon",
            defaultValue = "12",
            paramLabel = "WINDOWS",
            description = "Forecast steps.")
    int horizon;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Seed of the network.")
    long seed;

    @Option(
            names = "--adapt-window",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description = "As the job's --adapt-window.")
    int adaptWindow;

    @Option(
            names = "--adapt-every",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description = "As the job's --adapt-every.")
    int adaptEvery;

    @Option(
            names = "--adapt-iterations",
            defaultValue = "5",
            paramLabel = "N",
            description = "As the job's --adapt-iterations.")
    int adaptIterations;

    @Option(
            names = "--calibration-windows",
            defaultValue = "" + ForecastEngine.DEFAULT_CALIBRATION_WINDOWS,
            paramLabel = "WINDOWS",
            description = "As the job's --calibration-windows.")
    int calibrationWindows;

    public static void main(String[] argv) {
        EngineReplay a = CommandLines.parse(new EngineReplay(), argv);
        ModelArtifact artifact = ModelArtifactFile.read(a.model);
        int hours = a.hours;
        int stretch = a.stretch;
        int horizon = a.horizon;
        long seed = a.seed;
        AdaptationSettings settings =
                new AdaptationSettings(
                        a.adaptWindow, a.adaptEvery, a.adaptIterations, a.calibrationWindows, 0);
        HorizonScores[] scores = run(artifact, settings, horizon, hours, stretch, seed);
        System.out.printf("%-12s %8s %8s %12s%n", "windows", "emitted", "model", "persistence");
        for (int k = 0; k < scores.length; k++) {
            System.out.printf(
                    "%5d-%-6d %8.3f %8.3f %12.3f%n",
                    k * stretch,
                    Math.min(hours, (k + 1) * stretch) - 1,
                    scores[k].pooledMae(),
                    scores[k].pooledModelMae(),
                    scores[k].pooledPersistenceMae());
        }
    }

    /** Scores per stretch of {@code stretch} windows of a run of {@code hours} windows. */
    public static HorizonScores[] run(
            ModelArtifact artifact,
            AdaptationSettings settings,
            int horizon,
            int hours,
            int stretch,
            long seed) {
        SyntheticNetwork net = new SyntheticNetwork(100, seed);
        float[][] frames = net.frames(hours, seed + 1);
        StationRoster roster = net.roster();
        ForecastEngine engine = ForecastEngine.of(artifact, horizon, settings);
        ForecastState st = new ForecastState();
        SplittableRandom r = new SplittableRandom(seed + 2);
        HorizonScores[] out = new HorizonScores[(hours + stretch - 1) / stretch];
        for (int t = 0; t < hours; t++) {
            GraphSnapshot s = snapshot(roster, frames[t], t, r);
            ForecastEngine.Outcome o = engine.onSnapshot("synthetic", st, s);
            if (out[t / stretch] == null) {
                out[t / stretch] = new HorizonScores(horizon, 1);
            }
            out[t / stretch].addAll(o.scores());
            if (o.adaptation() != null) {
                System.out.printf(
                        "window %d: adaptation loss %.4f -> %.4f %s%n",
                        t,
                        o.adaptation().lossBefore(),
                        o.adaptation().lossAfter(),
                        o.adaptation().accepted() ? "accepted" : "rejected");
            }
        }
        engine.close();
        return out;
    }

    private static GraphSnapshot snapshot(
            StationRoster roster, float[] values, int t, SplittableRandom r) {
        GraphSnapshot s =
                SnapshotFrames.ofGraph(
                        SyntheticNetwork.REGION,
                        SyntheticNetwork.VARIABLE,
                        (t + 1) * HOUR,
                        HOUR,
                        roster);
        int n = roster.size();
        for (int i = 0; i < n; i++) {
            s.observed[i] = r.nextDouble() >= 0.25;
            s.values[i] = s.observed[i] ? values[i] + 0.03 * r.nextGaussian() : 0;
        }
        return s;
    }
}
