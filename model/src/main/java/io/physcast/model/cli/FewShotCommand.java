package io.physcast.model.cli;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelArtifactFile;
import io.physcast.model.data.StationDataset;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.experiments.ResultsWriter;
import io.physcast.model.fewshot.FewShotExperiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code few-shot --stations S --readings R --window 1d --shots 5,7,10 --tasks monthly [--spatial
 * spatial.zip] [--quick]}: PiMetaL's few-shot table on station data. Without {@code --spatial} the
 * spatial modules are meta-trained first (as {@code meta-train} would, quick under {@code
 * --quick}).
 */
final class FewShotCommand {
    static final Set<String> OPTIONS =
            Set.of(
                    "quick",
                    "stations",
                    "readings",
                    "window",
                    "shots",
                    "tasks",
                    "spatial",
                    "iterations",
                    "max-tasks",
                    "k",
                    "seed",
                    "seeds",
                    "hidden",
                    "out");

    private FewShotCommand() {}

    static void run(Args args) throws Exception {
        args.rejectUnknown(OPTIONS);
        if (!args.get("tasks", "monthly").equals("monthly")) {
            throw new IllegalArgumentException("--tasks: only 'monthly' is supported");
        }
        boolean quick = args.flag("quick");
        int[] shots =
                Arrays.stream(args.get("shots", "5,7,10").split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim()))
                        .toArray();
        FewShotExperiment.Settings s =
                new FewShotExperiment.Settings(
                        shots,
                        args.getInt("iterations", quick ? 30 : 150),
                        args.getInt("max-tasks", quick ? 3 : 24),
                        args.getInt("k", 4),
                        args.getInt("seed", 42),
                        args.getInt("seeds", quick ? 1 : 3));
        StationDataset data = StationOptions.load(args);
        long t0 = System.nanoTime();
        String spatialSource = args.get("spatial", null);
        ModelArtifact spatial =
                spatialSource != null
                        ? ModelArtifactFile.read(Path.of(spatialSource))
                        : MetaTrainCommand.metaTrain(args);
        System.out.println("few-shot: " + data.summary());
        System.out.printf(
                "settings: shots %s, %d Adam steps per model, task and seed, %d seeds, at most %d monthly tasks, k %d, hidden %d, spatial modules %s%n",
                Arrays.toString(shots),
                s.iterations(),
                s.seeds(),
                s.maxTasks(),
                s.k(),
                spatial.spec().hidden(),
                spatialSource != null ? spatialSource : "meta-trained in this run");
        FewShotExperiment.Result r =
                new FewShotExperiment(s, spatial, line -> System.out.println("  " + line))
                        .run(data);

        Map<String, Object> json = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("shots"));
        header.addAll(r.table().values().iterator().next().keySet());
        rows.add(header);
        for (var e : r.table().entrySet()) {
            json.put(String.valueOf(e.getKey()), e.getValue());
            List<String> row = new ArrayList<>(List.of(String.valueOf(e.getKey())));
            e.getValue().values().forEach(m -> row.add(format(m)));
            rows.add(row);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md =
                String.format(
                        "# Few-shot forecasting (PiMetaL), MSE on normalised data (per-station mean and std of the whole record)%n%n%s%n"
                                + "Mean ± std over %d monthly tasks (a task's score: the mean"
                                + " over %d seeds): each model is trained on the"
                                + " first T frames of the month and generates the rest.%n"
                                + "FDM+RGN and PA-DGN from scratch; PiMetaL: meta-initialised"
                                + " spatial modules (frozen), head trained; persistence for"
                                + " reference.%n%ndata: %s%nsettings: %s%n%.0f s in all%n",
                        ResultsWriter.table(rows),
                        r.tasks(),
                        s.seeds(),
                        data.summary(),
                        s,
                        seconds);
        Path out = Path.of(args.get("out", "runs/few-shot"));
        ResultsWriter.write(out, json, md);
        ResultsWriter.write(out.resolve("tasks"), r.scores(), md);
        System.out.println();
        System.out.print(md);
        System.out.println("wrote " + out.resolve("results.json") + ", results.md");
    }

    private static String format(MeanStd m) {
        return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", m.mean(), m.std());
    }
}
