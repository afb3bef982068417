package io.physcast.model.eval;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.data.ChronologicalSplit;
import io.physcast.model.data.FrameSeries;
import io.physcast.model.data.Normalisation;
import io.physcast.model.data.StationDataset;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.TrainingReport;
import io.physcast.model.train.Window;
import io.physcast.model.trust.TrustSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code evaluate} command's experiment: split the frames chronologically (70/10/20), fit the
 * per-station normalisation on the training part, train each model with early stopping on the
 * validation part (by default on its MAE in the data's units, the reported metric), and score it on
 * the test part in the data's units; then the streaming job's intervals and skill guard run over
 * the forecasts (validation to warm up, test to report). Nothing about the test part influences
 * training or model selection.
 */
public final class StationEvaluation {
    public static final double TRAIN_FRACTION = 0.7;
    public static final double VALIDATION_FRACTION = 0.1;

    /**
     * @param secondsPerModel wall-clock training budget of each model (early stopping may end it
     *     sooner)
     * @param learningRate Adam's step size
     * @param averaging decay of the validated parameter average (0: the raw parameters)
     * @param feedbackGradients backpropagate through fed-back predictions ({@link
     *     TrainingConfig#feedbackGradients()}; off for station data)
     * @param selectAfterSampling keep only parameters validated once teacher forcing has decayed
     *     ({@link TrainingConfig#selectAfterSampling()}; off by default)
     * @param select the validation score that chooses each model's kept parameters
     */
    public record Settings(
            int inputLen,
            int horizon,
            List<String> models,
            int hidden,
            int gruLayers,
            int k,
            int maxIterations,
            double secondsPerModel,
            long seed,
            float learningRate,
            float averaging,
            boolean feedbackGradients,
            boolean selectAfterSampling,
            CheckpointMetric select) {
        public Settings {
            if (inputLen < 2 || horizon < 1) {
                throw new IllegalArgumentException("need --input >= 2 and --horizon >= 1");
            }
            if (hidden < 1 || gruLayers < 1 || k < 1) {
                throw new IllegalArgumentException("need --hidden, --gru-layers and --k >= 1");
            }
            if (!(secondsPerModel > 0)) {
                throw new IllegalArgumentException("need --train-seconds > 0");
            }
            models.forEach(m -> ModelCatalog.create(m, 4, 1, 0)); // fails early on a bad name
        }

        /** The same settings with another seed (model initialisation and batch order). */
        public Settings withSeed(long other) {
            return new Settings(
                    inputLen,
                    horizon,
                    models,
                    hidden,
                    gruLayers,
                    k,
                    maxIterations,
                    secondsPerModel,
                    other,
                    learningRate,
                    averaging,
                    feedbackGradients,
                    selectAfterSampling,
                    select);
        }

        public TrainingConfig training() {
            return TrainingConfig.stations(inputLen, horizon, maxIterations, secondsPerModel, seed)
                    .withLearningRate(learningRate)
                    .withAveraging(averaging)
                    .withFeedbackGradients(feedbackGradients)
                    .withSelectAfterSampling(selectAfterSampling);
        }
    }

    /** One model's outcome. */
    public record ModelResult(String model, TrainingReport training, ForecastScorer.Scores test) {}

    /**
     * @param intervals per model its own online intervals ({@link GuardedStream} with the model
     *     alone, the job's settings)
     * @param guards the skill guard's combinations ({@link #GUARD_WITH_PERSISTENCE}, {@link
     *     #GUARD_ALL}); both warmed up on the validation part and scored on the test part
     */
    public record Result(
            ChronologicalSplit split,
            Normalisation normalisation,
            int trainWindows,
            int validationWindows,
            int testWindows,
            Map<String, ModelResult> models,
            Map<String, GuardedStream.Scores> intervals,
            Map<String, GuardedStream.Scores> guards) {
        /** The rows of the table: every model, then the guard's combinations. */
        public java.util.Set<String> rows() {
            java.util.Set<String> rows = new java.util.LinkedHashSet<>(models.keySet());
            rows.addAll(guards.keySet());
            return rows;
        }

        /** The test errors of a row: a model's own forecasts, or a combination's. */
        public HorizonErrors errors(String row) {
            ModelResult m = models.get(row);
            return m != null ? m.test().errors() : guards.get(row).errors();
        }

        /** The intervals of a row. */
        public GuardedStream.Scores intervalScores(String row) {
            return models.containsKey(row) ? intervals.get(row) : guards.get(row);
        }
    }

    /** The job's combination: PA-DGN guarded by persistence. */
    public static final String GUARD_WITH_PERSISTENCE = "guard(PA-DGN, persistence)";

    /** The skill guard over every model in the table. */
    public static final String GUARD_ALL = "guard(all models)";

    private final Settings settings;
    private final Consumer<String> progress;

    public StationEvaluation(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result run(StationDataset data) {
        FrameSeries series = data.series();
        int len = settings.inputLen() + settings.horizon();
        ChronologicalSplit split =
                ChronologicalSplit.of(series.length(), TRAIN_FRACTION, VALIDATION_FRACTION);
        Normalisation norm =
                Normalisation.fit(series.values(), series.observed(), 0, split.trainEnd());
        float[][] z = norm.normalise(series.values(), series.observed());
        float[][] o = series.observed();
        List<Window> train = split.train(z, o, len);
        List<Window> validation = split.validation(z, o, settings.inputLen(), len);
        List<Window> test = split.test(z, o, settings.inputLen(), len);
        if (train.isEmpty() || validation.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    String.format(
                            "%d frames are too few for windows of %d frames in a 70/10/20 split",
                            series.length(), len));
        }
        GraphInputs graph = new GraphInputs(data.knnGraph(settings.k()));
        ForecastScorer scorer = new ForecastScorer(settings.inputLen(), settings.horizon(), norm);
        Map<String, ModelResult> results = new LinkedHashMap<>();
        Map<String, ForecastScorer.Scores> onValidation = new LinkedHashMap<>();
        for (String name : settings.models()) {
            StepModel model =
                    ModelCatalog.create(
                            name, settings.hidden(), settings.gruLayers(), settings.seed());
            TrainingConfig config = settings.training();
            TrainingReport report =
                    new Trainer(
                                    config,
                                    settings.select().criterion(config, norm),
                                    line -> progress.accept("  " + line))
                            .fit(model, graph, train, validation);
            progress.accept("  " + report.summary());
            results.put(name, new ModelResult(name, report, scorer.score(model, graph, test)));
            onValidation.put(name, scorer.score(model, graph, validation));
        }
        Map<String, GuardedStream.Scores> intervals = new LinkedHashMap<>();
        for (String name : settings.models()) {
            intervals.put(name, guarded(List.of(name), results, onValidation, graph.nodes));
        }
        Map<String, GuardedStream.Scores> guards = new LinkedHashMap<>();
        if (results.containsKey("PA-DGN") && results.containsKey("persistence")) {
            guards.put(
                    GUARD_WITH_PERSISTENCE,
                    guarded(List.of("PA-DGN", "persistence"), results, onValidation, graph.nodes));
        }
        if (results.size() > 1) {
            List<String> all = new java.util.ArrayList<>(results.keySet());
            if (all.remove("PA-DGN")) {
                all.add(0, "PA-DGN"); // the model the guard starts from
            }
            guards.put(GUARD_ALL, guarded(all, results, onValidation, graph.nodes));
        }
        return new Result(
                split,
                norm,
                train.size(),
                validation.size(),
                test.size(),
                results,
                intervals,
                guards);
    }

    /** The guard over these models, warmed up on the validation part, scored on the test part. */
    private GuardedStream.Scores guarded(
            List<String> names,
            Map<String, ModelResult> test,
            Map<String, ForecastScorer.Scores> validation,
            int nodes) {
        GuardedStream g =
                new GuardedStream(TrustSettings.DEFAULT, settings.horizon(), names.size(), nodes);
        g.run(
                names.stream().map(n -> validation.get(n).forecasts()).toList(),
                validation.get(names.get(0)).truth());
        return g.run(
                names.stream().map(n -> test.get(n).test().forecasts()).toList(),
                test.get(names.get(0)).test().truth());
    }
}
