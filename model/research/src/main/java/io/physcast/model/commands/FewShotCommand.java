package io.physcast.model.commands;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.data.StationDataset;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.experiments.ResultsWriter;
import io.physcast.model.fewshot.FewShotExperiment;
import io.physcast.model.fewshot.TaskSummary;
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
 * {@code few-shot --stations S --readings R --window 1d --shots 5,7,10 --tasks monthly [--spatial
 * spatial.zip] [--quick]}: PiMetaL's few-shot table on station data. Without {@code --spatial} the
 * spatial modules are meta-trained first (as {@code meta-train} would, quick under {@code
 * --quick}).
 */
@Command(
        name = "few-shot",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "model.sh few-shot: PiMetaL's few-shot table on station data: per calendar month, each"
                    + " model trains on the first T frames and generates the rest; MSE on"
                    + " normalised data of FDM+RGN, PA-DGN (scratch) and PiMetaL."
        })
final class FewShotCommand implements ModelCommand {
    @Mixin DataOptions data;

    @Option(
            names = "--shots",
            defaultValue = "5,7,10",
            paramLabel = "T,T,...",
            description = "Frames each model trains on, one table row each.")
    String shots;

    @Option(
            names = "--tasks",
            defaultValue = "monthly",
            paramLabel = "monthly",
            description = "How tasks are cut (monthly: one per calendar month).")
    String tasks;

    @Mixin SpatialModules spatial;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            description = "Adam steps per model, task and seed (default 150; 30 with --quick).")
    Integer iterations;

    @Option(
            names = "--max-tasks",
            paramLabel = "N",
            description = "Tasks at most, spread over the record (default 24; 3 with --quick).")
    Integer maxTasks;

    @Option(
            names = "--k",
            defaultValue = "4",
            paramLabel = "N",
            description = "Neighbours per station in the k-NN graph.")
    int k;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "First seed.")
    long seed;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            description = "Seeds per task, averaged (default 3; 1 with --quick).")
    Integer seeds;

    @Option(
            names = "--hidden",
            defaultValue = "32",
            paramLabel = "N",
            description = "Hidden size of the spatial modules meta-trained here.")
    int hidden;

    @Option(
            names = "--checkpoint",
            defaultValue = "training-loss",
            paramLabel = "training-loss|generated-shots|stable-rollout",
            description =
                    "What keeps a model's parameters (the untrained start among them): its"
                            + " training loss on the shots; the shots after the first two"
                            + " generated as the rest of the month is; or its training loss among"
                            + " the checks whose rollout over the frames to generate stays within"
                            + " the shots' range widened by that range on either side.")
    String checkpoint;

    @Option(
            names = "--one-step-windows",
            description =
                    "Train on one window per predicted shot (the two frames before it, then it),"
                            + " as the month is generated, instead of one window over all shots.")
    boolean oneStepWindows;

    @Option(names = "--quick", description = "A small run (CI): 3 tasks, one seed, 30 steps.")
    boolean quick;

    @Option(
            names = "--out",
            defaultValue = "runs/few-shot",
            paramLabel = "DIR",
            description = "Where results.json, results.md and the per-task scores go.")
    Path out;

    @Override
    public void run() throws Exception {
        if (!tasks.equals("monthly")) {
            throw new IllegalArgumentException("--tasks: only 'monthly' is supported");
        }
        int[] shots =
                Arrays.stream(this.shots.split(","))
                        .mapToInt(s -> Integer.parseInt(s.trim()))
                        .toArray();
        FewShotExperiment.Settings s =
                new FewShotExperiment.Settings(
                        shots,
                        iterations != null ? iterations : quick ? 30 : 150,
                        maxTasks != null ? maxTasks : quick ? 3 : 24,
                        k,
                        seed,
                        seeds != null ? seeds : quick ? 1 : 3,
                        FewShotExperiment.Checkpoint.of(checkpoint),
                        oneStepWindows);
        StationDataset data = this.data.load();
        long t0 = System.nanoTime();
        ModelArtifact spatial =
                this.spatial.load(() -> MetaTrainOptions.metaTrain(quick, hidden, seed));
        System.out.println("few-shot: " + data.summary());
        System.out.printf(
                "settings: shots %s, %d Adam steps per model, task and seed, %d seeds, at most %d monthly tasks, k %d, hidden %d, spatial modules %s%n",
                Arrays.toString(shots),
                s.iterations(),
                s.seeds(),
                s.maxTasks(),
                s.k(),
                spatial.spec().hidden(),
                this.spatial.source());
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
        Map<Integer, Map<String, Double>> medians = TaskSummary.medians(r.scores());
        List<List<String>> medianRows = new ArrayList<>(List.of(header));
        medians.forEach(
                (t, byModel) -> {
                    List<String> row = new ArrayList<>(List.of(String.valueOf(t)));
                    header.subList(1, header.size())
                            .forEach(
                                    m ->
                                            row.add(
                                                    String.format(
                                                            java.util.Locale.ROOT,
                                                            "%.3f",
                                                            byModel.get(m))));
                    medianRows.add(row);
                });
        List<List<String>> winRows =
                new ArrayList<>(
                        List.of(
                                List.of(
                                        "shots",
                                        "PiMetaL below PA-DGN",
                                        "PiMetaL below persistence",
                                        "PA-DGN below persistence")));
        Map<Integer, Integer> overScratch = TaskSummary.wins(r.scores(), "PiMetaL", "PA-DGN");
        Map<Integer, Integer> overPersistence =
                TaskSummary.wins(r.scores(), "PiMetaL", FewShotExperiment.REFERENCE);
        Map<Integer, Integer> scratchOverPersistence =
                TaskSummary.wins(r.scores(), "PA-DGN", FewShotExperiment.REFERENCE);
        for (int t : overScratch.keySet()) {
            winRows.add(
                    List.of(
                            String.valueOf(t),
                            overScratch.get(t) + " / " + r.tasks(),
                            overPersistence.get(t) + " / " + r.tasks(),
                            scratchOverPersistence.get(t) + " / " + r.tasks()));
        }
        json.put("median", medians);
        json.put("tasks_won_by_pimetal_over_padgn", overScratch);
        json.put("tasks_won_by_pimetal_over_persistence", overPersistence);
        json.put("tasks_won_by_padgn_over_persistence", scratchOverPersistence);
        json.put("training_seconds", r.trainingSeconds());
        StringBuilder trainingSeconds = new StringBuilder();
        r.trainingSeconds()
                .forEach(
                        (m, sec) ->
                                trainingSeconds.append(
                                        String.format(
                                                java.util.Locale.ROOT,
                                                "%s%s %.0f s",
                                                trainingSeconds.length() == 0 ? "" : ", ",
                                                m,
                                                sec)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md =
                String.format(
                        "# Few-shot forecasting (PiMetaL), MSE on normalised data (per-station mean and std of the whole record)%n%n%s%n"
                                + "Mean ± std over %d monthly tasks (a task's score: the mean"
                                + " over %d seeds): each model is trained on the"
                                + " first T frames of the month and generates the rest.%n"
                                + "FDM+RGN and PA-DGN from scratch; PiMetaL: meta-initialised"
                                + " spatial modules (frozen), head trained from the same seeded"
                                + " start as PA-DGN's; persistence for"
                                + " reference.%n%n## Median task%n%n%s%n## Tasks won (lower MSE)%n%n%s%n"
                                + "training seconds (each model, %d Adam steps per task, shot"
                                + " count and seed, generation included): %s%n"
                                + "data: %s%nsettings: %s%n%.0f s in all%n",
                        ResultsWriter.table(rows),
                        r.tasks(),
                        s.seeds(),
                        ResultsWriter.table(medianRows),
                        ResultsWriter.table(winRows),
                        s.iterations(),
                        trainingSeconds,
                        data.summary(),
                        s,
                        seconds);
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
