package io.physcast.flink.config;

import io.physcast.flink.forecast.ForecastEngine;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The forecasting job's settings as its command line declares them: name, default, meaning. {@link
 * JobConfig} validates them; docs/configuration.md and {@code --help} are printed from here.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "The forecasting job (flink run physcast-flink-job.jar ...). Durations: 90s, 15m, 1h,"
                    + " 1d or ISO-8601 (PT1H). Any --kafka.X VALUE is passed to every Kafka client"
                    + " as property X (security.protocol, sasl.jaas.config, ...); values of keys"
                    + " that look secret are masked in logs."
        })
public final class JobOptions {
    @Option(
            names = "--bootstrap-servers",
            defaultValue = "",
            paramLabel = "HOST:PORT[,...]",
            description = "Required. Kafka brokers to read readings from and write forecasts to.")
    String bootstrapServers;

    @Option(
            names = "--model",
            paramLabel = "URI",
            description =
                    "Required to run the job. Model file (scripts/model.sh train or default-model), read through Flink's"
                            + " file systems: a path, file://, s3://, hdfs:// where the cluster"
                            + " has the plugin.")
    String model;

    @Option(
            names = "--readings-topic",
            defaultValue = "readings",
            paramLabel = "TOPIC",
            description = "Topic of Avro SensorReading records.")
    String readingsTopic;

    @Option(
            names = "--forecasts-topic",
            defaultValue = "forecasts",
            paramLabel = "TOPIC",
            description = "Topic the Avro Forecast records go to (exactly once).")
    String forecastsTopic;

    @Option(
            names = "--dlq-topic",
            defaultValue = "readings-dlq",
            paramLabel = "TOPIC",
            description =
                    "Dead-letter topic: undecodable, invalid and too-late readings, with the reason"
                            + " (Avro DeadLetter).")
    String deadLetterTopic;

    @Option(
            names = "--group-id",
            defaultValue = "physcast-forecaster",
            paramLabel = "ID",
            description =
                    "Kafka consumer group; also the prefix of the sinks' transactional ids, so two"
                            + " jobs on the same brokers need different ones.")
    String groupId;

    @Option(
            names = "--window",
            defaultValue = "1h",
            paramLabel = "DURATION",
            description = "Aggregation window: one graph snapshot and one forecast per window.")
    Duration window;

    @Option(
            names = "--allowed-lateness",
            defaultValue = "1h",
            paramLabel = "DURATION",
            description =
                    "How long after its window closed a reading still corrects it; later ones are"
                            + " dead letters (reason late).")
    Duration allowedLateness;

    @Option(
            names = "--out-of-orderness",
            defaultValue = "10m",
            paramLabel = "DURATION",
            description = "How far readings may arrive out of event-time order (watermark delay).")
    Duration outOfOrderness;

    @Option(
            names = "--idleness",
            defaultValue = "1m",
            paramLabel = "DURATION",
            description =
                    "A partition silent this long stops holding the watermark back (wall-clock"
                            + " time).")
    Duration idleness;

    @Option(
            names = "--max-future",
            defaultValue = "1h",
            paramLabel = "DURATION",
            description =
                    "Readings stamped more than this ahead of the wall clock are dead letters.")
    Duration maxFuture;

    @Option(
            names = "--earliest",
            defaultValue = "2000-01-01T00:00:00Z",
            paramLabel = "INSTANT",
            description =
                    "Readings stamped before this are dead letters (a 1970 time is a broken clock);"
                            + " a date or an ISO-8601 instant, UTC.")
    Instant earliest;

    @Option(
            names = "--k",
            defaultValue = "4",
            paramLabel = "N",
            description = "Neighbours per station in the k-NN graph (1-32), symmetrised.")
    int k;

    @Option(
            names = "--horizon",
            defaultValue = "12",
            paramLabel = "WINDOWS",
            description = "Forecast steps per station and window (1-168).")
    int horizon;

    @Option(
            names = "--adapt-window",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description = "W: recent frames kept per key for re-adapting the model's head.")
    int adaptWindow;

    @Option(
            names = "--calibration-windows",
            defaultValue = "" + ForecastEngine.DEFAULT_CALIBRATION_WINDOWS,
            paramLabel = "WINDOWS",
            description =
                    "With a model made for any network: frames that fit a key's normalisation,"
                            + " during which the key forecasts persistence (capped by W).")
    int calibrationWindows;

    @Option(
            names = "--interval-levels",
            defaultValue = "0.8",
            split = ",",
            paramLabel = "L[,L...]",
            description =
                    "Nominal coverage of the prediction intervals on every forecast, ascending in"
                            + " (0, 1); 0.8 gives the 10% and 90% quantiles.")
    double[] intervalLevels;

    @Option(
            names = "--adapt-async-windows",
            defaultValue = "1",
            paramLabel = "WINDOWS",
            description =
                    "Head adaptation trains in the background and is swapped in this many"
                            + " windows later (0: inline). Results never depend on timing.")
    int adaptAsyncWindows;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            paramLabel = "cpu|cuda|auto",
            description =
                    "Where each TaskManager steps the network: cpu, or cuda/auto for its GPU when"
                            + " one with CUDA 13 answers (else the CPU, said in its log). Head"
                            + " adaptation trains on the CPU.")
    String device;

    @Option(
            names = "--adapt-every",
            defaultValue = "24",
            paramLabel = "WINDOWS",
            description = "R: re-adapt each key's head every R windows (0: never).")
    int adaptEvery;

    @Option(
            names = "--adapt-iterations",
            defaultValue = "5",
            paramLabel = "N",
            description = "Adam steps per head adaptation.")
    int adaptIterations;

    @Option(
            names = "--max-gap-windows",
            defaultValue = "48",
            paramLabel = "WINDOWS",
            description =
                    "Gaps up to this many windows are filled by the model's own forecasts; longer"
                            + " ones restart the key's hidden state.")
    int maxGapWindows;

    @Option(
            names = "--key-ttl",
            defaultValue = "7d",
            paramLabel = "DURATION",
            description =
                    "A (region, variable) key silent this long has its state and timers removed.")
    Duration keyTtl;

    @Option(
            names = "--station-ttl",
            defaultValue = "7d",
            paramLabel = "DURATION",
            description = "A station silent this long leaves its graph (0s: never).")
    Duration stationTtl;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description =
                    "Checkpoint storage; by default the cluster's (execution.checkpointing.dir).")
    String checkpointDir;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "10s",
            paramLabel = "DURATION",
            description =
                    "Checkpoint interval; forecasts become visible to read_committed consumers when"
                            + " the checkpoint after them completes.")
    Duration checkpointInterval;

    @Option(
            names = "--parallelism",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Job parallelism; 0: the client's -p or the cluster's parallelism.default.")
    int parallelism;

    @Option(
            names = "--bounded",
            defaultValue = "false",
            arity = "1",
            paramLabel = "true|false",
            description =
                    "Stop at the end offsets the topic has at start (backfills, benchmarks) instead"
                            + " of running until stopped.")
    boolean bounded;
}
