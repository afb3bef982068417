package io.physcast.model.cli;

import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.CheckpointMetric;
import io.physcast.model.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Options shared by the commands that read a station data set (evaluate, train). */
final class StationOptions {
    /** The options a station command takes (two of them flags, {@link ModelCli#FLAGS}). */
    static final Set<String> COMMON =
            Set.of(
                    "stations",
                    "readings",
                    "window",
                    "input",
                    "horizon",
                    "hidden",
                    "gru-layers",
                    "k",
                    "max-iterations",
                    "train-seconds",
                    "seed",
                    "lr",
                    "average",
                    "feedback-gradients",
                    "select",
                    "select-after-sampling",
                    "out");

    private StationOptions() {}

    /** The common options plus a command's own. */
    static Set<String> with(String... own) {
        Set<String> all = new HashSet<>(COMMON);
        all.addAll(Set.of(own));
        return all;
    }

    /** {@code --lr}: Adam's step size, by default the reference's. */
    static float learningRate(Args args) {
        return (float) args.getDouble("lr", TrainingConfig.LEARNING_RATE);
    }

    /**
     * {@code --average D}: decay of the validated and kept parameter average, by default {@link
     * TrainingConfig#STATION_AVERAGING}; 0 keeps the raw parameters.
     */
    static float averaging(Args args) {
        return (float) args.getDouble("average", TrainingConfig.STATION_AVERAGING);
    }

    /**
     * {@code --feedback-gradients}: backpropagate through fed-back predictions, as before station
     * training turned it off ({@link TrainingConfig#stations}).
     */
    static boolean feedbackGradients(Args args) {
        return args.flag("feedback-gradients");
    }

    /**
     * {@code --select mae|loss}: the validation score that chooses the kept parameters; by default
     * MAE in the data's units, the metric evaluate reports.
     */
    static CheckpointMetric select(Args args) {
        return CheckpointMetric.parse(args.get("select", "mae"));
    }

    /**
     * {@code --select-after-sampling}: keep only parameters validated once teacher forcing has
     * decayed; off by default, since on a split of the PM10 validation windows it helped only 2 of
     * 7 models (README, "Model command line").
     */
    static boolean selectAfterSampling(Args args) {
        return args.flag("select-after-sampling");
    }

    static Path stations(Args args) {
        return Path.of(args.require("stations"));
    }

    static Path readings(Args args) {
        return Path.of(args.require("readings"));
    }

    static StationDataset load(Args args) throws IOException {
        return StationDataset.load(
                stations(args), readings(args), Args.duration(args.get("window", "1d")));
    }
}
