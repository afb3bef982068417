package io.physcast.flink.local;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The settings of {@code scripts/run-local.sh} ({@link LocalRun}). */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "scripts/run-local.sh: a Kafka broker, the forecasting job on a MiniCluster with the"
                    + " Web UI, a replay of a data set, a running summary and report.json."
        })
public final class LocalRunOptions {
    @Option(
            names = "--dataset",
            defaultValue = "synthetic",
            paramLabel = "NAME",
            description =
                    "synthetic (a simulated 100-station network), irish-wind or de-pm10 (the last"
                            + " 30% of data/ replayed with a one-day window); ignored with"
                            + " --stations/--readings.")
    String dataset;

    @Option(
            names = "--datasets",
            defaultValue = "data",
            paramLabel = "DIR",
            description = "Folder of the real data sets' CSV files.")
    Path datasets;

    @Option(
            names = "--out",
            defaultValue = "runs/local",
            paramLabel = "DIR",
            description = "Where report.json, checkpoints and trained models go.")
    Path out;

    @Option(
            names = "--speedup",
            paramLabel = "X",
            description =
                    "Event-time seconds replayed per wall-clock second; 0: as fast as possible."
                            + " Default: the data set's, which replays it in about 90 s.")
    Double speedup;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A model file to use instead of --model-source.")
    Path model;

    @Option(
            names = "--model-source",
            defaultValue = "default",
            paramLabel = "default|trained",
            description =
                    "default: the model for unseen networks (--default-model); trained: train a"
                            + " PA-DGN on the part of the data set that is not replayed.")
    String modelSource;

    @Option(
            names = "--default-model",
            defaultValue = "runs/default-model.zip",
            paramLabel = "FILE",
            description = "The default model's file, generated there on first use.")
    Path defaultModel;

    @Option(
            names = "--train-seconds",
            defaultValue = "90",
            paramLabel = "S",
            description = "Training budget of --model-source trained, in seconds.")
    int trainSeconds;

    @Option(
            names = "--retrain",
            defaultValue = "false",
            arity = "1",
            paramLabel = "true|false",
            description = "Train again although --out holds a model trained on this data set.")
    boolean retrain;

    @Option(
            names = "--adapt-every",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description = "The job's --adapt-every (0: no head adaptation).")
    int adaptEvery;

    @Option(
            names = "--adapt-window",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description = "The job's --adapt-window.")
    int adaptWindow;

    @Option(
            names = "--adapt-iterations",
            defaultValue = "5",
            paramLabel = "N",
            description = "The job's --adapt-iterations.")
    int adaptIterations;

    @Option(
            names = "--adapt-async-windows",
            defaultValue = "0",
            paramLabel = "WINDOWS",
            description =
                    "The job's --adapt-async-windows; inline by default, since a compressed replay"
                            + " gives a background adaptation no slack.")
    int adaptAsyncWindows;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "Seed of the synthetic network, the replay's irregularity and training.")
    long seed;

    @Option(
            names = "--stations",
            paramLabel = "FILE",
            description =
                    "Your own data set's stations CSV (columns station, lat, lon), with --readings:"
                            + " replayed like the built-in real sets instead of --dataset.")
    Path stations;

    @Option(
            names = "--readings",
            paramLabel = "FILE",
            description = "Your own data set's readings CSV (station, ISO-8601 time, value).")
    Path readings;

    @Option(
            names = "--window",
            defaultValue = "1d",
            paramLabel = "DURATION",
            description = "With --stations/--readings: the aggregation window (1d, 1h, 30m, ...).")
    java.time.Duration window;

    @Option(
            names = "--region",
            defaultValue = "my-region",
            paramLabel = "R",
            description = "With --stations/--readings: the readings' region.")
    String region;

    @Option(
            names = "--variable",
            defaultValue = "value",
            paramLabel = "V",
            description = "With --stations/--readings: the readings' variable.")
    String variable;

    @Option(
            names = "--synthetic-stations",
            defaultValue = "100",
            paramLabel = "N",
            description = "Stations of the synthetic network (2-2500).")
    int syntheticStations;

    @Option(
            names = "--hours",
            defaultValue = "400",
            paramLabel = "H",
            description = "Hours of the synthetic network replayed.")
    int hours;

    @Option(
            names = "--train-hours",
            defaultValue = "600",
            paramLabel = "H",
            description = "Earlier hours of the synthetic network for --model-source trained.")
    int trainHours;

    @Option(
            names = "--ui-port",
            defaultValue = "8081-8099",
            paramLabel = "PORT[-PORT]",
            description = "Port (or range) of the Flink Web UI.")
    String uiPort;

    @Option(
            names = "--quiet-seconds",
            defaultValue = "20",
            paramLabel = "S",
            description = "After the replay, stop once no forecast arrived for this long.")
    int quietSeconds;
}
