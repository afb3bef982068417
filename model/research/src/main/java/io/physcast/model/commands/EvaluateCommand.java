package io.physcast.model.commands;

import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.GuardedStream;
import io.physcast.model.eval.HorizonErrors;
import io.physcast.model.eval.SeedSummary;
import io.physcast.model.eval.StationEvaluation;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.experiments.ResultsWriter;
import io.physcast.model.train.TrainingReport;
import io.physcast.model.trust.TrustSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code evaluate --stations S --readings R --window 1d --input 12 --horizon 12 [--models a,b]}:
 * every model trained on the same chronological split and scored on the test part; writes
 * results.json, results.md and forecasts.png.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "model.sh evaluate: every model trained on one 70/10/20 chronological split of a station"
                    + " data set and scored on the test part (MAE and RMSE at horizons 1, 6, 12 in"
                    + " the data's units); writes results.json, results.md, forecasts.png."
        })
final class EvaluateCommand implements ModelCommand {
    private static final int[] REPORTED = {1, 6, 12};

    @Mixin DataOptions data;
    @Mixin TrainingOptions training;

    @Option(
            names = "--models",
            defaultValue = "all",
            paramLabel = "A,B,...",
            description =
                    "Models to compare: all, or some of persistence, VAR, MLP, GRU, RGN,"
                            + " RGN(StandardOP), RGN(MeshOP), PA-DGN.")
    String models;

    @Option(
            names = "--train-seconds",
            paramLabel = "S",
            description =
                    "A wall-clock budget per model, in seconds (default: none, so every model"
                            + " trains to --max-iterations or early stopping and the same command"
                            + " gives the same table on any machine).")
    Double trainSeconds;

    @Option(
            names = "--seeds",
            defaultValue = "1",
            paramLabel = "N",
            description = "Repeat with seeds s..s+N-1 and report mean and spread.")
    int seeds;

    @Option(
            names = "--out",
            defaultValue = "runs/evaluate",
            paramLabel = "DIR",
            description = "Where results.json, results.md and forecasts.png go.")
    Path out;

    @Override
    public void run() throws Exception {
        training.useDevice();
        StationDataset data = this.data.load();
        StationEvaluation.Settings s =
                new StationEvaluation.Settings(
                        training.input,
                        training.horizon,
                        models.equals("all")
                                ? ModelCatalog.ALL
                                : Arrays.stream(models.split(",")).map(String::trim).toList(),
                        training.hidden,
                        training.gruLayers,
                        training.k,
                        training.maxIterations,
                        trainSeconds == null ? Double.POSITIVE_INFINITY : trainSeconds,
                        training.seed,
                        training.learningRate,
                        training.averaging,
                        training.feedbackGradients,
                        training.selectAfterSampling,
                        training.checkpointMetric());
        int seeds = this.seeds;
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1");
        }
        Path out = this.out;
        System.out.println("evaluate: " + data.summary());
        System.out.printf(
                "settings: input %d, horizon %d, hidden %d, GRU layers %d, k %d, training %s (early stopping on validation %s%s), Adam lr %s, parameter averaging %s, gradients through fed-back predictions %s%n",
                s.inputLen(),
                s.horizon(),
                s.hidden(),
                s.gruLayers(),
                s.k(),
                Double.isInfinite(s.secondsPerModel())
                        ? String.format("at most %d iterations per model", s.maxIterations())
                        : String.format(
                                "at most %d iterations or %.0f s per model",
                                s.maxIterations(), s.secondsPerModel()),
                s.select().name().toLowerCase(java.util.Locale.ROOT),
                s.selectAfterSampling() ? ", checkpoints after teacher forcing" : "",
                s.learningRate(),
                s.averaging() > 0 ? "decay " + s.averaging() : "off",
                s.feedbackGradients() ? "on" : "off");
        long t0 = System.nanoTime();
        List<StationEvaluation.Result> runs = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            if (seeds > 1) {
                System.out.println("seed " + (s.seed() + i));
            }
            runs.add(
                    new StationEvaluation(s.withSeed(s.seed() + i), System.out::println).run(data));
        }
        StationEvaluation.Result r = runs.get(0);
        int[] horizons = Arrays.stream(REPORTED).filter(h -> h <= s.horizon()).toArray();
        Map<String, SeedSummary.ModelSpread> spread = SeedSummary.of(runs, horizons);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("horizons", horizons);
        Map<String, Object> byModel = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("model"));
        for (int h : horizons) {
            header.add("MAE h" + h);
        }
        for (int h : horizons) {
            header.add("RMSE h" + h);
        }
        header.add("training");
        rows.add(header);
        List<List<String>> intervalRows = new ArrayList<>();
        List<String> intervalHeader = new ArrayList<>(List.of("model"));
        for (String metric : List.of("coverage", "width", "Winkler")) {
            for (int h : horizons) {
                intervalHeader.add(metric + " h" + h);
            }
        }
        intervalRows.add(intervalHeader);
        for (var e : spread.entrySet()) {
            String model = e.getKey();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mae", means(e.getValue().mae()));
            entry.put("rmse", means(e.getValue().rmse()));
            GuardedStream.Scores iv = r.intervalScores(model);
            entry.put("interval_level", TrustSettings.DEFAULT.level(0));
            entry.put("coverage", at(iv.coverage(), horizons));
            entry.put("interval_width", at(iv.width(), horizons));
            entry.put("winkler", at(iv.winkler(), horizons));
            List<String> row = new ArrayList<>(List.of(model));
            Arrays.stream(e.getValue().mae()).forEach(v -> row.add(cell(v, seeds)));
            Arrays.stream(e.getValue().rmse()).forEach(v -> row.add(cell(v, seeds)));
            List<String> intervalRow = new ArrayList<>(List.of(model));
            for (double[] metric : new double[][] {iv.coverage(), iv.width(), iv.winkler()}) {
                boolean percent = metric == iv.coverage();
                for (int h : horizons) {
                    intervalRow.add(
                            String.format(
                                    percent ? "%.1f%%" : "%.3f",
                                    percent ? 100 * metric[h - 1] : metric[h - 1]));
                }
            }
            intervalRows.add(intervalRow);
            if (!r.models().containsKey(model)) {
                entry.put("combines", model);
                row.add("skill guard, no training of its own");
            } else if (seeds == 1) {
                TrainingReport t = r.models().get(model).training();
                entry.put("training", t);
                row.add(
                        String.format(
                                "%d it, %.0f s, %s", t.iterations(), t.seconds(), t.stopReason()));
            } else {
                entry.put("mae_std", stds(e.getValue().mae()));
                entry.put("rmse_std", stds(e.getValue().rmse()));
                entry.put("seeds", perSeed(runs, model, horizons, s.seed()));
                row.add(bestIterations(runs, model));
            }
            byModel.put(model, entry);
            rows.add(row);
        }
        json.put("models", byModel);
        json.put("data", data.summary());
        json.put("settings", s);
        json.put("seeds", seeds);
        json.put(
                "split",
                Map.of(
                        "train_windows", r.trainWindows(),
                        "validation_windows", r.validationWindows(),
                        "test_windows", r.testWindows()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md =
                String.format(
                        "# Forecast evaluation on the test split (data units)%n%n%s%s%n%s%n%n"
                                + "## %.0f%% prediction intervals (first seed)%n%n%s%n%s%n%n"
                                + "data: %s%nwindows: %d train, %d validation, %d test; %.0f s in"
                                + " all%n",
                        seeds == 1
                                ? ""
                                : String.format(
                                        "Mean ± std over %d seeds (%d to %d); training: best iteration per seed.%n%n",
                                        seeds, s.seed(), s.seed() + seeds - 1),
                        ResultsWriter.table(rows),
                        "Test split: the last 20% of frames; MAE/RMSE over observed targets only."
                                + " guard(...): the streaming job's skill guard over those"
                                + " models' forecasts (weights by recent errors, learnt online"
                                + " from the validation part on).",
                        100 * TrustSettings.DEFAULT.level(0),
                        ResultsWriter.table(intervalRows),
                        "Each model's own forecasts with the job's online conformal intervals,"
                                + " calibrated from the validation part on; coverage is the share"
                                + " of observed test values inside, Winkler the mean interval"
                                + " score (width plus 2/alpha times any miss).",
                        data.summary(),
                        r.trainWindows(),
                        r.validationWindows(),
                        r.testWindows(),
                        seconds);
        ResultsWriter.write(out, json, md);
        String plot = ", forecasts.png";
        try {
            EvaluationPlots.write(out.resolve("forecasts.png"), data, r, s.inputLen(), s.horizon());
        } catch (LinkageError e) {
            // a server without the libraries that draw text: the results stand without the plot
            plot = " (forecasts.png not drawn: this Java cannot draw here, " + e + ")";
        }
        System.out.println();
        System.out.print(md);
        System.out.println("wrote " + out.resolve("results.json") + ", results.md" + plot);
    }

    private static double[] at(double[] byHorizon, int[] horizons) {
        return Arrays.stream(horizons).mapToDouble(h -> byHorizon[h - 1]).toArray();
    }

    private static String cell(MeanStd v, int seeds) {
        return seeds == 1
                ? String.format("%.3f", v.mean())
                : String.format("%.3f ± %.3f", v.mean(), v.std());
    }

    private static double[] means(MeanStd[] v) {
        return Arrays.stream(v).mapToDouble(MeanStd::mean).toArray();
    }

    private static double[] stds(MeanStd[] v) {
        return Arrays.stream(v).mapToDouble(MeanStd::std).toArray();
    }

    private static List<Map<String, Object>> perSeed(
            List<StationEvaluation.Result> runs, String model, int[] horizons, long firstSeed) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            var m = runs.get(i).models().get(model);
            HorizonErrors e = m.test().errors();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("seed", firstSeed + i);
            one.put("mae", Arrays.stream(horizons).mapToDouble(e::mae).toArray());
            one.put("rmse", Arrays.stream(horizons).mapToDouble(e::rmse).toArray());
            one.put("training", m.training());
            out.add(one);
        }
        return out;
    }

    private static String bestIterations(List<StationEvaluation.Result> runs, String model) {
        return "best at "
                + String.join(
                        "/",
                        runs.stream()
                                .map(
                                        r ->
                                                String.valueOf(
                                                        r.models()
                                                                .get(model)
                                                                .training()
                                                                .bestIteration()))
                                .toList());
    }
}
