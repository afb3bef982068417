package io.physcast.model.fewshot;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.data.Normalisation;
import io.physcast.model.data.StationDataset;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.meta.MetaInitialisation;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.GraphStepper;
import io.physcast.model.padgn.HiddenState;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.ForecastLoss;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.ValidationCriterion;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PiMetaL's few-shot comparison on station data: for every monthly task and shot count T, each
 * model is trained on the month's first T frames only and then generates the rest of the month
 * autoregressively; the score is the MSE over the observed generated frames on normalised data
 * (each station's mean and standard deviation over the whole record, as the paper normalises its
 * data sets: a unit of measure, not something the models learn from).
 *
 * <ul>
 *   <li>FDM+RGN: the RGN on fixed finite-difference features (StandardOP), from scratch;
 *   <li>PA-DGN: the whole network (SDL and head) from scratch;
 *   <li>PiMetaL: the meta-initialised spatial modules, frozen; only the temporal head is trained,
 *       from the same seeded initialisation as PA-DGN's run.
 * </ul>
 *
 * Every model's decoder starts at zero, so before training each one is persistence (the last
 * observed shot per station), which is reported alongside as a reference.
 */
public final class FewShotExperiment {
    public static final List<String> MODELS = List.of("FDM+RGN", "PA-DGN", "PiMetaL");
    public static final String REFERENCE = "persistence";

    /** Warm-up frames of each training window; the other T - 2 shots are predicted. */
    static final int WARM_UP = 2;

    /**
     * @param shots the shot counts T (each at least 3)
     * @param iterations Adam steps per model and task
     * @param maxTasks at most this many monthly tasks, spread over the data
     * @param k neighbours of the station graph
     * @param seed first seed of the scratch models and of training (offset per task)
     * @param seeds runs per model and task, with seeds {@code seed, seed + 1, ...}; a task's score
     *     is their mean, so the table's spread is over tasks, not over initialisations
     * @param checkpoint what picks the kept parameters among the start and the checks during
     *     training
     */
    public record Settings(
            int[] shots,
            int iterations,
            int maxTasks,
            int k,
            long seed,
            int seeds,
            Checkpoint checkpoint,
            boolean oneStepWindows) {
        public Settings {
            for (int t : shots) {
                if (t < WARM_UP + 1) {
                    throw new IllegalArgumentException("shots must be at least " + (WARM_UP + 1));
                }
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds must be at least 1");
            }
        }

        @Override
        public String toString() {
            return String.format(
                    "shots %s, %d iterations, at most %d tasks, k %d, seeds %d..%d, checkpoint on %s, %s windows",
                    Arrays.toString(shots),
                    iterations,
                    maxTasks,
                    k,
                    seed,
                    seed + seeds - 1,
                    checkpoint.label,
                    oneStepWindows ? "one-step" : "whole-shot");
        }
    }

    /**
     * Which score on the shots keeps a model's parameters (the untrained start, persistence, among
     * them): the training objective (each window's frames predicted with the hidden state carried
     * through them); the shots after the first two generated as the rest of the month is (each
     * frame from the two before it and a zero state, predictions fed back); or the training
     * objective among the checks whose rollout stays bounded ({@link StableRollout}).
     */
    public enum Checkpoint {
        TRAINING_LOSS("training-loss"),
        GENERATED_SHOTS("generated-shots"),
        STABLE_ROLLOUT("stable-rollout");

        public final String label;

        Checkpoint(String label) {
            this.label = label;
        }

        public static Checkpoint of(String label) {
            for (Checkpoint c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(
                    "--checkpoint: one of "
                            + Arrays.stream(values()).map(c -> c.label).toList()
                            + ", got "
                            + label);
        }
    }

    /** One model's score on one task at one shot count: the mean over seeds, and each seed's. */
    public record TaskScore(String month, int shots, String model, double mse, double[] perSeed) {}

    /**
     * Mean and std over tasks per shot count and model, every task's score, and each model's
     * training seconds over all tasks, shot counts and seeds (every model takes the same steps).
     */
    public record Result(
            Map<Integer, Map<String, MeanStd>> table,
            List<TaskScore> scores,
            int tasks,
            Map<String, Double> trainingSeconds) {}

    private final Settings settings;
    private final ModelArtifact spatial;
    private final Consumer<String> progress;

    /**
     * @param spatial the meta-initialised model file (its spec fixes hidden size and layers for all
     *     three models)
     */
    public FewShotExperiment(Settings settings, ModelArtifact spatial, Consumer<String> progress) {
        this.settings = settings;
        this.spatial = spatial;
        this.progress = progress;
    }

    public Result run(StationDataset data) {
        int maxShots = Arrays.stream(settings.shots()).max().orElseThrow();
        List<FewShotTask> tasks = MonthlyTasks.of(data.series(), maxShots, settings.maxTasks());
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException(
                    "no calendar month has "
                            + (maxShots + MonthlyTasks.MIN_TARGET_FRAMES)
                            + " frames with enough observations");
        }
        GraphInputs graph = new GraphInputs(data.knnGraph(settings.k()));
        var series = data.series();
        Normalisation norm =
                Normalisation.fit(series.values(), series.observed(), 0, series.length());
        List<TaskScore> scores = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            FewShotTask task = tasks.get(i);
            float[][] z = norm.normalise(task.values(), task.observed());
            for (int t : settings.shots()) {
                for (String model : MODELS) {
                    double[] perSeed = new double[settings.seeds()];
                    for (int r = 0; r < perSeed.length; r++) {
                        long start = System.nanoTime();
                        perSeed[r] =
                                train(model, z, task.observed(), t, graph, settings.seed() + r + i);
                        seconds.merge(model, (System.nanoTime() - start) / 1e9, Double::sum);
                    }
                    double mse = Arrays.stream(perSeed).average().orElseThrow();
                    scores.add(new TaskScore(task.month(), t, model, mse, perSeed));
                }
                double reference = persistence(z, task.observed(), t);
                scores.add(
                        new TaskScore(
                                task.month(), t, REFERENCE, reference, new double[] {reference}));
            }
            progress.accept(
                    String.format(
                            "task %d/%d (%s): %s",
                            i + 1, tasks.size(), task.month(), summary(scores, task.month())));
        }
        return new Result(table(scores), scores, tasks.size(), seconds);
    }

    /**
     * Trains one model on a task's normalised shots and scores what it generates; {@code seed}
     * initialises a scratch model and drives training (the same seed as a single-seed run with
     * {@code --seed} one lower per task index).
     */
    private double train(
            String name, float[][] z, float[][] observed, int shots, GraphInputs graph, long seed) {
        StepModel model = build(name, seed);
        // every model starts as persistence (f + 0): 3-8 predicted shots cannot correct a random
        // decoder's drift, which then compounds over the ~25 generated frames
        model.params().zeroPrefix(RecurrentGraphNetwork.DECODER + ".");
        fit(
                model,
                graph,
                new Window(Arrays.copyOfRange(z, 0, shots), Arrays.copyOfRange(observed, 0, shots)),
                settings.iterations(),
                seed,
                name.equals("PiMetaL"),
                settings.checkpoint(),
                z.length - shots,
                settings.oneStepWindows());
        return generatedMse(model, graph, z, observed, shots);
    }

    /**
     * Trains on the shots: warm up on {@link #WARM_UP} frames, predict the others (scheduled
     * sampling over the first half), or ({@code oneStep}) every frame after the first two from the
     * two before it, as the month is generated; {@code headOnly} freezes the spatial modules;
     * {@code generated}: the frames the task will generate after the shots.
     */
    static void fit(
            StepModel model,
            GraphInputs graph,
            Window shots,
            int iterations,
            long seed,
            boolean headOnly,
            Checkpoint checkpoint,
            int generated,
            boolean oneStep) {
        List<Window> windows = oneStep ? oneStepWindows(shots) : List.of(shots);
        TrainingConfig config =
                TrainingConfig.defaults(WARM_UP, windows.get(0).length() - WARM_UP)
                        .withIterations(iterations, Double.MAX_VALUE)
                        .withSampling(iterations / 2)
                        .withBatch(windows.size(), Math.max(1, iterations / 10))
                        .withSeed(seed);
        model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, headOnly);
        try {
            ValidationCriterion criterion =
                    switch (checkpoint) {
                        case TRAINING_LOSS -> new ForecastLoss(config);
                        case GENERATED_SHOTS -> GENERATED;
                        case STABLE_ROLLOUT ->
                                new StableRollout(new ForecastLoss(config), shots, generated);
                    };
            Trainer trainer = new Trainer(config, criterion, line -> {});
            trainer.fit(model, graph, windows, windows);
        } finally {
            model.params().freezePrefix(RecurrentGraphNetwork.SPATIAL_PREFIX, false);
        }
    }

    /** The shots as windows of {@link #WARM_UP} + 1 frames, one per predicted shot. */
    static List<Window> oneStepWindows(Window shots) {
        List<Window> out = new ArrayList<>();
        for (int s = 0; s + WARM_UP < shots.length(); s++) {
            out.add(
                    new Window(
                            Arrays.copyOfRange(shots.values(), s, s + WARM_UP + 1),
                            Arrays.copyOfRange(shots.observed(), s, s + WARM_UP + 1)));
        }
        return out;
    }

    /** {@link Checkpoint#GENERATED_SHOTS}: each window's frames after the first two generated. */
    private static final ValidationCriterion GENERATED =
            new ValidationCriterion() {
                @Override
                public String name() {
                    return "generated MSE";
                }

                @Override
                public double score(StepModel model, GraphInputs graph, List<Window> windows) {
                    double sum = 0;
                    for (Window w : windows) {
                        sum += generatedMse(model, graph, w.values(), w.observed(), WARM_UP);
                    }
                    return sum / windows.size();
                }
            };

    StepModel build(String name, long seed) {
        ModelSpec spec = spatial.spec();
        return switch (name) {
            case "FDM+RGN" ->
                    ModelCatalog.create("RGN(StandardOP)", spec.hidden(), spec.gruLayers(), seed);
            case "PA-DGN" -> ModelCatalog.create("PA-DGN", spec.hidden(), spec.gruLayers(), seed);
            case "PiMetaL" -> {
                // the same seeded head as PA-DGN's run: the two differ only in the spatial
                // modules' initialisation, as in the paper (the file's one head for every run
                // would give the meta model one start where the others get one per seed)
                StepModel m =
                        ModelCatalog.create(spec.model(), spec.hidden(), spec.gruLayers(), seed);
                MetaInitialisation.copySpatial(spatial.model().params(), m);
                yield m;
            }
            default -> throw new IllegalArgumentException("unknown few-shot model " + name);
        };
    }

    /**
     * Generates the rest of the month one frame at a time, each from the last {@link #WARM_UP}
     * frames with the hidden state started from zero, as every training window starts: the network
     * never runs its state past the steps it was trained on. (Carrying the state through the shots
     * and 25 generated frames drove it where no training window had been, and the decoder then
     * repeated one large step: rollouts drifted linearly, tens of standard deviations in a month.)
     * A gap in a shot is filled with the forecast for it made the same way. MSE over the observed
     * values of the generated frames.
     */
    static double generatedMse(
            StepModel model, GraphInputs graph, float[][] z, float[][] observed, int shots) {
        float[][] frames = generated(model, graph, z, observed, shots, z.length);
        return mse(Arrays.copyOfRange(frames, shots, z.length), z, observed, shots);
    }

    /**
     * The shots (gaps filled with the forecast for them), then generated frames up to {@code
     * length} in all, as {@link #generatedMse} generates them.
     */
    static float[][] generated(
            StepModel model,
            GraphInputs graph,
            float[][] z,
            float[][] observed,
            int shots,
            int length) {
        GraphStepper stepper = new GraphStepper(model, graph);
        float[][] frames = new float[length][];
        for (int t = 0; t < shots; t++) {
            frames[t] =
                    GraphStepper.filled(
                            z[t], observed[t], t == 0 ? null : nextFrame(stepper, frames, t - 1));
        }
        for (int t = shots; t < length; t++) {
            frames[t] = nextFrame(stepper, frames, t - 1);
        }
        return frames;
    }

    /** The forecast for frame {@code t + 1} from frames up to t, fed from a zero state. */
    private static float[] nextFrame(GraphStepper stepper, float[][] frames, int t) {
        HiddenState state = stepper.initialState();
        float[] prediction = null;
        for (int i = Math.max(0, t - WARM_UP + 1); i <= t; i++) {
            GraphStepper.StepResult r = stepper.step(state, frames[i]);
            state = r.state();
            prediction = r.prediction();
        }
        return prediction;
    }

    /** The last observed shot of each station (its mean, 0, when it had none). */
    static double persistence(float[][] z, float[][] observed, int shots) {
        int n = z[0].length;
        float[] last = new float[n];
        for (int t = 0; t < shots; t++) {
            for (int i = 0; i < n; i++) {
                if (observed[t][i] != 0f) {
                    last[i] = z[t][i];
                }
            }
        }
        float[][] generated = new float[z.length - shots][];
        Arrays.fill(generated, last);
        return mse(generated, z, observed, shots);
    }

    private static double mse(float[][] generated, float[][] z, float[][] observed, int shots) {
        double sum = 0;
        long count = 0;
        for (int h = 0; h < generated.length; h++) {
            for (int i = 0; i < generated[h].length; i++) {
                if (observed[shots + h][i] != 0f) {
                    double e = generated[h][i] - z[shots + h][i];
                    sum += e * e;
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static Map<Integer, Map<String, MeanStd>> table(List<TaskScore> scores) {
        Map<Integer, Map<String, MeanStd>> out = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>(MODELS);
        columns.add(REFERENCE);
        for (int t : scores.stream().mapToInt(TaskScore::shots).distinct().toArray()) {
            Map<String, MeanStd> row = new LinkedHashMap<>();
            for (String m : columns) {
                row.put(
                        m,
                        MeanStd.of(
                                scores.stream()
                                        .filter(s -> s.shots() == t && s.model().equals(m))
                                        .mapToDouble(TaskScore::mse)
                                        .toArray()));
            }
            out.put(t, row);
        }
        return out;
    }

    private static String summary(List<TaskScore> scores, String month) {
        StringBuilder b = new StringBuilder();
        for (TaskScore s : scores) {
            if (s.month().equals(month)) {
                b.append(String.format("%s@%d %.3f  ", s.model(), s.shots(), s.mse()));
            }
        }
        return b.toString().trim();
    }
}
