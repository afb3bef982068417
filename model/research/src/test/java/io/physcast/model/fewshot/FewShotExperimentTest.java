package io.physcast.model.fewshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.artifact.ModelArtifact;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.artifact.ModelSpec;
import io.physcast.model.artifact.Provenance;
import io.physcast.model.autodiff.Param;
import io.physcast.model.data.Normalisation;
import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.StationEvaluationTest;
import io.physcast.model.experiments.MeanStd;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Window;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The few-shot experiment on a slice of real PM10 data (20 stations, January to April 2005). */
class FewShotExperimentTest {
    /** The command's default: keep the parameters with the lowest training loss. */
    private static final FewShotExperiment.Checkpoint DEFAULT_CHECKPOINT =
            FewShotExperiment.Checkpoint.TRAINING_LOSS;

    private static ModelArtifact spatial() {
        ModelSpec spec = new ModelSpec("PA-DGN", 8, 1, 4, 4, 4, 3);
        return ModelArtifact.forAnyStations(
                spec, spec.build(), 0f, 1f, new Provenance("test", Map.of(), Map.of(), Map.of()));
    }

    @Test
    void everyCellIsScoredAndPersistenceMatchesAnIndependentCount() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        var settings =
                new FewShotExperiment.Settings(
                        new int[] {5, 7}, 3, 24, 4, 1, 1, DEFAULT_CHECKPOINT, false);
        FewShotExperiment.Result r = new FewShotExperiment(settings, spatial(), l -> {}).run(data);

        assertEquals(4, r.tasks(), "January to April");
        assertEquals(List.of(5, 7), List.copyOf(r.table().keySet()));
        for (Map<String, MeanStd> row : r.table().values()) {
            assertEquals(
                    List.of("FDM+RGN", "PA-DGN", "PiMetaL", "persistence"),
                    List.copyOf(row.keySet()));
            row.values().forEach(m -> assertTrue(Double.isFinite(m.mean()) && m.mean() > 0));
        }
        assertEquals(4 * 2 * 4, r.scores().size());

        // persistence in February with 5 shots, counted here from the raw frames
        var s = data.series();
        Normalisation norm = Normalisation.fit(s.values(), s.observed(), 0, s.length());
        int feb = 31;
        double sum = 0;
        int n = 0;
        for (int node = 0; node < 20; node++) {
            float last = 0;
            for (int t = feb; t < feb + 5; t++) {
                if (s.observed()[t][node] != 0f) {
                    last = norm.normalise(node, s.values()[t][node]);
                }
            }
            for (int t = feb + 5; t < feb + 28; t++) {
                if (s.observed()[t][node] != 0f) {
                    double e = norm.normalise(node, s.values()[t][node]) - last;
                    sum += e * e;
                    n++;
                }
            }
        }
        double expected = sum / n;
        double got =
                r.scores().stream()
                        .filter(x -> x.month().equals("2005-02") && x.shots() == 5)
                        .filter(x -> x.model().equals(FewShotExperiment.REFERENCE))
                        .findFirst()
                        .orElseThrow()
                        .mse();
        assertEquals(expected, got, 1e-9);
    }

    @Test
    void aTaskScoreIsTheMeanOfTheSingleSeedRuns() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        FewShotExperiment.Result both = run(data, 1, 2);
        FewShotExperiment.Result first = run(data, 1, 1);
        FewShotExperiment.Result second = run(data, 2, 1);
        boolean seedsDiffer = false;
        for (int i = 0; i < both.scores().size(); i++) {
            FewShotExperiment.TaskScore s = both.scores().get(i);
            double a = first.scores().get(i).mse();
            double b = second.scores().get(i).mse();
            assertEquals(first.scores().get(i).month(), s.month());
            assertEquals((a + b) / 2, s.mse(), 1e-12, s.model() + " in " + s.month());
            seedsDiffer |= a != b;
        }
        assertTrue(seedsDiffer, "the second seed trains differently");
    }

    private static FewShotExperiment.Result run(StationDataset data, long seed, int seeds) {
        var settings =
                new FewShotExperiment.Settings(
                        new int[] {5}, 3, 2, 4, seed, seeds, DEFAULT_CHECKPOINT, false);
        return new FewShotExperiment(settings, spatial(), l -> {}).run(data);
    }

    @Test
    void untrainedEveryModelIsPersistence() throws Exception {
        var settings =
                new FewShotExperiment.Settings(
                        new int[] {5}, 0, 2, 4, 1, 1, DEFAULT_CHECKPOINT, false);
        FewShotExperiment.Result r =
                new FewShotExperiment(settings, spatial(), l -> {})
                        .run(StationEvaluationTest.slice());
        for (FewShotExperiment.TaskScore s : r.scores()) {
            double persistence =
                    r.scores().stream()
                            .filter(x -> x.month().equals(s.month()))
                            .filter(x -> x.model().equals(FewShotExperiment.REFERENCE))
                            .findFirst()
                            .orElseThrow()
                            .mse();
            assertEquals(persistence, s.mse(), 1e-12, s.model() + " in " + s.month());
        }
    }

    @Test
    void checkpointOnGeneratedShotsKeepsTheBestGeneratorOfTheRun() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        GraphInputs graph = new GraphInputs(data.knnGraph(4));
        Window shots = firstShots(data, 7);
        float[][] zs = shots.values();
        float[][] os = shots.observed();
        int better = 0;
        for (long seed = 1; seed <= 3; seed++) {
            double[] kept = new double[2];
            double start = 0;
            for (FewShotExperiment.Checkpoint c :
                    List.of(
                            FewShotExperiment.Checkpoint.TRAINING_LOSS,
                            FewShotExperiment.Checkpoint.GENERATED_SHOTS)) {
                StepModel m = ModelCatalog.create("PA-DGN", 8, 1, seed);
                m.params().zeroPrefix(RecurrentGraphNetwork.DECODER + ".");
                start = FewShotExperiment.generatedMse(m, graph, zs, os, 2);
                // 60 steps: no early stop, so both runs see the same parameters at each check
                FewShotExperiment.fit(m, graph, new Window(zs, os), 60, seed, false, c, 20, false);
                kept[c.ordinal()] = FewShotExperiment.generatedMse(m, graph, zs, os, 2);
            }
            double onLoss = kept[FewShotExperiment.Checkpoint.TRAINING_LOSS.ordinal()];
            double onGenerated = kept[FewShotExperiment.Checkpoint.GENERATED_SHOTS.ordinal()];
            System.out.printf(
                    "seed %d: start %.5f, kept on loss %.5f, on generated shots %.5f%n",
                    seed, start, onLoss, onGenerated);
            assertTrue(onGenerated <= start, "seed " + seed + ": worse than the start");
            assertTrue(onGenerated <= onLoss, "seed " + seed + ": worse than the loss's pick");
            better += onGenerated < onLoss ? 1 : 0;
        }
        assertTrue(better > 0, "the criterion picked another check on some seed");
    }

    @Test
    void piMetalIsPaDgnsSeededStartWithTheFilesSpatialModules() {
        ModelArtifact file = spatial();
        var settings =
                new FewShotExperiment.Settings(
                        new int[] {5}, 3, 2, 4, 1, 1, DEFAULT_CHECKPOINT, false);
        FewShotExperiment experiment = new FewShotExperiment(settings, file, l -> {});
        for (long seed : new long[] {5, 6}) {
            StepModel meta = experiment.build("PiMetaL", seed);
            StepModel scratch = experiment.build("PA-DGN", seed);
            assertNotEquals(file.spec().seed(), seed, "the file's own start is another one");
            int spatialParams = 0;
            for (Param p : meta.params().all()) {
                float[] expected =
                        p.name.startsWith(RecurrentGraphNetwork.SPATIAL_PREFIX)
                                ? file.model().params().get(p.name).value.data
                                : scratch.params().get(p.name).value.data;
                assertArrayEquals(expected, p.value.data, p.name + ", seed " + seed);
                spatialParams += p.name.startsWith(RecurrentGraphNetwork.SPATIAL_PREFIX) ? 1 : 0;
            }
            assertTrue(spatialParams > 0);
        }
        assertFalse(
                Arrays.equals(
                        experiment
                                .build("PiMetaL", 5)
                                .params()
                                .get(RecurrentGraphNetwork.DECODER + ".w")
                                .value
                                .data,
                        experiment
                                .build("PiMetaL", 6)
                                .params()
                                .get(RecurrentGraphNetwork.DECODER + ".w")
                                .value
                                .data),
                "each seed its own head");
    }

    @Test
    void oneStepWindowsAreEachPredictedShotWithTheTwoFramesBeforeIt() throws Exception {
        Window shots = firstShots(StationEvaluationTest.slice(), 7);
        List<Window> windows = FewShotExperiment.oneStepWindows(shots);
        assertEquals(5, windows.size());
        for (int s = 0; s < windows.size(); s++) {
            assertEquals(3, windows.get(s).length());
            for (int f = 0; f < 3; f++) {
                assertArrayEquals(shots.values()[s + f], windows.get(s).values()[f]);
                assertArrayEquals(shots.observed()[s + f], windows.get(s).observed()[f]);
            }
        }
    }

    @Test
    void headOnlyTrainingLeavesTheSpatialModulesUntouched() throws Exception {
        StationDataset data = StationEvaluationTest.slice();
        GraphInputs graph = new GraphInputs(data.knnGraph(4));
        Window shots = firstShots(data, 7);
        for (boolean headOnly : new boolean[] {true, false}) {
            StepModel m = spatial().model();
            float[][] before = m.params().snapshot();
            FewShotExperiment.fit(
                    m,
                    graph,
                    shots,
                    10,
                    1,
                    headOnly,
                    FewShotExperiment.Checkpoint.TRAINING_LOSS,
                    20,
                    false);
            float[][] after = m.params().snapshot();
            boolean spatialMoved = false;
            boolean headMoved = false;
            int i = 0;
            for (Param p : m.params().all()) {
                boolean moved = !Arrays.equals(before[i], after[i]);
                if (p.name.startsWith(RecurrentGraphNetwork.SPATIAL_PREFIX)) {
                    spatialMoved |= moved;
                    if (headOnly) {
                        assertArrayEquals(before[i], after[i], p.name + " is frozen");
                    }
                } else {
                    headMoved |= moved;
                }
                i++;
            }
            assertTrue(headMoved, "the head trains");
            assertEquals(!headOnly, spatialMoved, "the spatial modules train only from scratch");
            assertFalse(m.params().all().stream().anyMatch(p -> p.frozen()), "unfrozen after");
        }
    }

    /** The record's first frames, normalised with the whole record's statistics. */
    static Window firstShots(StationDataset data, int frames) {
        var s = data.series();
        Normalisation norm = Normalisation.fit(s.values(), s.observed(), 0, s.length());
        float[][] z = norm.normalise(s.values(), s.observed());
        return new Window(
                Arrays.copyOfRange(z, 0, frames), Arrays.copyOfRange(s.observed(), 0, frames));
    }
}
