package io.physcast.model.cli;

import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.CheckpointMetric;
import io.physcast.model.eval.HorizonErrors;
import io.physcast.model.eval.ModelCatalog;
import io.physcast.model.eval.StationEvaluation;
import io.physcast.model.experiments.ResultsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate --stations S --readings R --window 1d --input 12 --horizon 12 [--models a,b]}:
 * every model trained on the same chronological split and scored on the test part; writes
 * results.json, results.md and forecasts.png.
 */
final class EvaluateCommand {
    static final Set<String> OPTIONS = StationOptions.with("models");
    private static final int[] REPORTED = {1, 6, 12};

    private EvaluateCommand() {}

    static void run(Args args) throws Exception {
        args.rejectUnknown(OPTIONS);
        StationDataset data = StationOptions.load(args);
        String models = args.get("models", String.join(",", ModelCatalog.ALL));
        StationEvaluation.Settings s =
                new StationEvaluation.Settings(
                        args.getInt("input", 12),
                        args.getInt("horizon", 12),
                        Arrays.stream(models.split(",")).map(String::trim).toList(),
                        args.getInt("hidden", 32),
                        args.getInt("gru-layers", 1),
                        args.getInt("k", 4),
                        args.getInt("max-iterations", 2000),
                        args.getDouble("train-seconds", 100),
                        args.getInt("seed", 42),
                        StationOptions.learningRate(args),
                        StationOptions.averaging(args),
                        StationOptions.feedbackGradients(args),
                        StationOptions.select(args));
        Path out = Path.of(args.get("out", "runs/evaluate"));
        System.out.println("evaluate: " + data.summary());
        System.out.printf(
                "settings: input %d, horizon %d, hidden %d, GRU layers %d, k %d, training budget %.0f s or %d iterations per model (early stopping on validation %s), Adam lr %s, parameter averaging %s, gradients through fed-back predictions %s%n",
                s.inputLen(),
                s.horizon(),
                s.hidden(),
                s.gruLayers(),
                s.k(),
                s.secondsPerModel(),
                s.maxIterations(),
                s.select() == CheckpointMetric.MAE ? "MAE" : "loss",
                s.learningRate(),
                s.averaging() > 0 ? "decay " + s.averaging() : "off",
                s.feedbackGradients() ? "on" : "off");
        long t0 = System.nanoTime();
        StationEvaluation.Result r = new StationEvaluation(s, System.out::println).run(data);
        int[] horizons = Arrays.stream(REPORTED).filter(h -> h <= s.horizon()).toArray();
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
        for (var m : r.models().values()) {
            HorizonErrors e = m.test().errors();
            double[] mae = Arrays.stream(horizons).mapToDouble(e::mae).toArray();
            double[] rmse = Arrays.stream(horizons).mapToDouble(e::rmse).toArray();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mae", mae);
            entry.put("rmse", rmse);
            entry.put("training", m.training());
            byModel.put(m.model(), entry);
            List<String> row = new ArrayList<>(List.of(m.model()));
            Arrays.stream(mae).forEach(v -> row.add(String.format("%.3f", v)));
            Arrays.stream(rmse).forEach(v -> row.add(String.format("%.3f", v)));
            row.add(
                    String.format(
                            "%d it, %.0f s, %s",
                            m.training().iterations(),
                            m.training().seconds(),
                            m.training().stopReason()));
            rows.add(row);
        }
        json.put("models", byModel);
        json.put("data", data.summary());
        json.put("settings", s);
        json.put(
                "split",
                Map.of(
                        "train_windows", r.trainWindows(),
                        "validation_windows", r.validationWindows(),
                        "test_windows", r.testWindows()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md =
                String.format(
                        "# Forecast evaluation on the test split (data units)%n%n%s%n%s%ndata: %s%n"
                                + "windows: %d train, %d validation, %d test; %.0f s in all%n",
                        ResultsWriter.table(rows),
                        "Test split: the last 20% of frames; MAE/RMSE over observed targets only.",
                        data.summary(),
                        r.trainWindows(),
                        r.validationWindows(),
                        r.testWindows(),
                        seconds);
        ResultsWriter.write(out, json, md);
        EvaluationPlots.write(out.resolve("forecasts.png"), data, r, s.inputLen(), s.horizon());
        System.out.println();
        System.out.print(md);
        System.out.println("wrote " + out.resolve("results.json") + ", results.md, forecasts.png");
    }
}
