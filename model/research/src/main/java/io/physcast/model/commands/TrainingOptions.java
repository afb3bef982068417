package io.physcast.model.commands;

import io.physcast.model.cli.DeviceOption;
import io.physcast.model.eval.CheckpointMetric;
import io.physcast.model.train.TrainingConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How evaluate and train build and train a network (a picocli mixin). */
public final class TrainingOptions {
    @Option(
            names = "--input",
            defaultValue = "12",
            paramLabel = "FRAMES",
            description = "Frames that warm the hidden state before forecasting.")
    int input;

    @Option(
            names = "--horizon",
            defaultValue = "12",
            paramLabel = "FRAMES",
            description = "Frames forecast.")
    int horizon;

    @Option(
            names = "--hidden",
            defaultValue = "32",
            paramLabel = "N",
            description = "Hidden size of the graph networks (the paper's: 64).")
    int hidden;

    @Option(
            names = "--gru-layers",
            defaultValue = "1",
            paramLabel = "N",
            description = "GRU layers per update function (the paper's: 2).")
    int gruLayers;

    @Option(
            names = "--k",
            defaultValue = "4",
            paramLabel = "N",
            description = "Neighbours per station in the k-NN graph.")
    int k;

    @Option(
            names = "--max-iterations",
            defaultValue = "2000",
            paramLabel = "N",
            description = "Training iterations at most (early stopping may end it sooner).")
    int maxIterations;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "N",
            description = "Seed of initialisation, batches and sampling.")
    long seed;

    @Option(
            names = "--lr",
            defaultValue = "" + TrainingConfig.LEARNING_RATE,
            paramLabel = "RATE",
            description = "Adam's step size (the paper's).")
    float learningRate;

    @Option(
            names = "--average",
            defaultValue = "" + TrainingConfig.STATION_AVERAGING,
            paramLabel = "DECAY",
            description =
                    "Decay of the validated and kept moving average of the parameters; 0 keeps the"
                            + " raw parameters.")
    float averaging;

    @Option(
            names = "--feedback-gradients",
            description =
                    "Backpropagate through predictions fed back as inputs (off: they enter as"
                            + " constants).")
    boolean feedbackGradients;

    @Option(
            names = "--select",
            defaultValue = "mae",
            paramLabel = "mae|loss",
            description =
                    "Validation score that chooses the kept parameters: MAE in the data's units or"
                            + " the training loss.")
    String select;

    @Option(
            names = "--select-after-sampling",
            description = "Keep only parameters validated after teacher forcing has decayed.")
    boolean selectAfterSampling;

    @Mixin DeviceOption device;

    /** Chooses the process's compute device from --device and says which GPU it took. */
    void useDevice() {
        device.use(System.out::println);
    }

    CheckpointMetric checkpointMetric() {
        return CheckpointMetric.parse(select);
    }

    /** The training configuration for station data with these settings. */
    TrainingConfig config(int iterations, double seconds) {
        return TrainingConfig.stations(input, horizon, iterations, seconds, seed)
                .withLearningRate(learningRate)
                .withAveraging(averaging)
                .withFeedbackGradients(feedbackGradients)
                .withSelectAfterSampling(selectAfterSampling);
    }
}
