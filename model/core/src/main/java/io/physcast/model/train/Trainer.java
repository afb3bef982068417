package io.physcast.model.train;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Adam;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fits a {@link StepModel} on windows of one graph: MSE summed over the predicted steps, Adam with
 * weight decay, scheduled sampling, early stopping on a {@link ValidationCriterion} (by default the
 * free-running {@link ForecastLoss}; the best parameters are restored; not before the sampling
 * schedule has ended), bounded by iterations and by wall-clock time. Reproducible for a given seed
 * when the iteration limit, not the clock, ends it. With {@link TrainingConfig#averaging()} set,
 * the validated and kept parameters are a moving average of the trained ones ({@link
 * ParameterAverage}). With {@link TrainingConfig#selectAfterSampling()}, only checks from the end
 * of the sampling schedule on may become the kept parameters (the first such check replaces any
 * earlier one), unless training ends before it.
 *
 * <p>The schedule runs in iterations, also for a model too slow to finish it within its time
 * budget: spreading it over the budget instead (free-running after 15% of it) made PA-DGN on the
 * PM10 stations much worse (h6 MAE 12.98 against 9.06), so a slow model trains mostly
 * teacher-forced.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final ValidationCriterion criterion;
    private final Consumer<String> progress;
    private final int threads;

    /** Early stopping on the training objective ({@link ForecastLoss}). */
    public Trainer(TrainingConfig config, Consumer<String> progress) {
        this(config, new ForecastLoss(config), progress);
    }

    public Trainer(
            TrainingConfig config, ValidationCriterion criterion, Consumer<String> progress) {
        this(config, criterion, progress, Integer.getInteger("physcast.train.threads", 1));
    }

    private Trainer(
            TrainingConfig config,
            ValidationCriterion criterion,
            Consumer<String> progress,
            int threads) {
        this.config = config;
        this.criterion = criterion;
        this.progress = progress;
        this.threads = threads;
    }

    /**
     * This trainer with a batch's parts on {@code threads} threads on the CPU ({@link
     * BatchGradients}; default {@code physcast.train.threads}, 1). The result is the same.
     */
    public Trainer withThreads(int threads) {
        return new Trainer(config, criterion, progress, threads);
    }

    public TrainingReport fit(
            StepModel model, GraphInputs graph, List<Window> train, List<Window> validation) {
        long start = System.nanoTime();
        if (model.params().count() == 0 || config.maxIterations() == 0) {
            double v = criterion.score(model, graph, validation);
            return new TrainingReport(model.name(), 0, 0, criterion.name(), v, 0, "no parameters");
        }
        int batch = Math.min(config.batch(), train.size());
        SequenceUnroller unroller =
                new SequenceUnroller(
                        model, config.inputLen(), config.horizon(), config.feedbackGradients());
        Adam adam = new Adam(config.learningRate(), config.weightDecay(), 5f);
        SplittableRandom random = new SplittableRandom(config.seed());
        ParameterAverage average =
                config.averaging() > 0
                        ? new ParameterAverage(model.params(), config.averaging())
                        : null;
        double best = criterion.score(model, graph, validation);
        float[][] bestParams = model.params().snapshot();
        int bestIteration = 0;
        int sinceBest = 0;
        boolean reachedEligible = false; // a check at or after the end of the sampling schedule
        String reason = "iteration limit";
        int it = 0;
        double runningLoss = 0;
        Execution exec = Execution.of(model.params());
        // the CPU runs a batch in parts, a GPU as one tape
        BatchGradients parts =
                exec.onDevice()
                        ? null
                        : new BatchGradients(
                                unroller, List.copyOf(model.params().all()), graph, threads);
        GraphInputs batchGraph = exec.onDevice() ? graph.replicate(batch) : null;
        try {
            while (it < config.maxIterations()) {
                List<Window> b = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    b.add(train.get(random.nextInt(train.size())));
                }
                if (parts != null) {
                    runningLoss += parts.run(b, config.teacherForcing(it), random.split());
                    exec.step(adam);
                } else {
                    try (Tape t = exec.training()) {
                        Var loss =
                                unroller.unroll(
                                                t,
                                                batchGraph,
                                                b,
                                                config.teacherForcing(it),
                                                random.split())
                                        .loss();
                        t.backward(loss);
                        exec.step(adam);
                        runningLoss += loss.host().data[0];
                    }
                }
                if (average != null) {
                    average.update();
                }
                it++;
                if (it % config.evalEvery() == 0 || it == config.maxIterations()) {
                    float[][] trained = null;
                    if (average != null) { // validate (and keep) the average
                        trained = model.params().snapshot();
                        model.params().restore(average.values());
                    }
                    double v = criterion.score(model, graph, validation);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    progress.accept(
                            String.format(
                                    "%s it %d  train %.4f  val %s %.4f  tf %.2f  %.0fs",
                                    model.name(),
                                    it,
                                    runningLoss / config.evalEvery(),
                                    criterion.name(),
                                    v,
                                    config.teacherForcing(it),
                                    seconds));
                    runningLoss = 0;
                    boolean firstEligible =
                            config.selectAfterSampling()
                                    && it >= config.samplingIterations()
                                    && !reachedEligible;
                    reachedEligible |= it >= config.samplingIterations();
                    boolean improved = v < best || firstEligible;
                    if (improved) {
                        best = v;
                        bestParams = model.params().snapshot();
                        bestIteration = it;
                        sinceBest = 0;
                    }
                    if (trained != null) {
                        model.params().restore(trained);
                    }
                    if (!improved
                            && it >= config.samplingIterations()
                            && ++sinceBest >= config.patience()) {
                        // patience counts only once the inputs are the model's own predictions:
                        // while
                        // teacher forcing is high, the free-running validation loss may not improve
                        reason =
                                "early stop (no validation gain in "
                                        + config.patience()
                                        + " checks)";
                        break;
                    }
                    if (seconds > config.timeBudgetSeconds()) {
                        reason = String.format("time budget %.0fs", config.timeBudgetSeconds());
                        break;
                    }
                }
            }
        } finally {
            exec.close();
            if (parts != null) {
                parts.close();
            }
        }
        model.params().restore(bestParams);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingReport(
                model.name(), it, bestIteration, criterion.name(), best, seconds, reason);
    }

    /** The training objective on validation windows ({@link ForecastLoss}), free-running. */
    public double validationLoss(StepModel model, GraphInputs graph, List<Window> validation) {
        return new ForecastLoss(config).score(model, graph, validation);
    }
}
