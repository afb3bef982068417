package io.physcast.model.experiments;

import io.physcast.model.baselines.NodeMlp;
import io.physcast.model.baselines.VectorAutoregression;
import io.physcast.model.data.Normalisation;
import io.physcast.model.eval.ForecastScorer;
import io.physcast.model.eval.HorizonErrors;
import io.physcast.model.graph.KnnGraphBuilder;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.synth.ConvectionDiffusion;
import io.physcast.model.train.Trainer;
import io.physcast.model.train.TrainingConfig;
import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * PA-DGN Table 2: sessions of the convection-diffusion system sampled at 250 fixed points (k-NN
 * graph, k = 4), 5 input frames and 15 predicted; sessions split 70/15/15. Every model is trained
 * with early stopping on the validation sessions and scored by the MAE over the 15 predicted frames
 * of the test sessions (raw units), mean and std over seeds.
 */
public final class ConvectionDiffusionExperiment {
    public static final int INPUT = 5;
    public static final int HORIZON = 15;

    /**
     * @param iterations each model's cap; training stops earlier once the validation loss has not
     *     improved for the trainer's patience after teacher forcing (the first half) has ended
     * @param secondsPerModel a wall-clock budget per model and seed; infinite by default, so the
     *     table depends on the seeds only, not on the machine or its load
     */
    public record Settings(
            int sessions,
            int points,
            int iterations,
            double secondsPerModel,
            int hidden,
            int seeds) {
        /**
         * Every model to 3,000 iterations or early stopping, as the paper's models train to
         * convergence; a clock would leave the SDL (the slowest iteration) the least trained.
         */
        public static Settings full() {
            return new Settings(1000, 250, 3000, Double.POSITIVE_INFINITY, 64, 3);
        }

        public static Settings quick() {
            return new Settings(200, 250, 300, Double.POSITIVE_INFINITY, 32, 2);
        }

        public Settings withSecondsPerModel(double seconds) {
            return new Settings(sessions, points, iterations, seconds, hidden, seeds);
        }
    }

    /** One model's test MAE over the seeds, with each seed's iterations and training seconds. */
    public record Score(MeanStd mae, int[] iterations, double[] seconds) {
        public String effort() {
            StringBuilder b = new StringBuilder();
            for (int s = 0; s < iterations.length; s++) {
                b.append(s == 0 ? "" : " / ")
                        .append(iterations[s])
                        .append(String.format(java.util.Locale.ROOT, ", %.0f s", seconds[s]));
            }
            return b.toString();
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public ConvectionDiffusionExperiment(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Simulated sessions on one sampled graph, normalised with the training part's statistics. */
    public record Data(
            GraphInputs graph,
            Normalisation norm,
            List<Window> train,
            List<Window> validation,
            List<Window> test) {}

    /** The experiment's data: sessions of INPUT + HORIZON frames at sampled grid points. */
    public static Data simulate(int sessionCount, int points, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] cells = samplePoints(random.split(), points);
        ConvectionDiffusion system = new ConvectionDiffusion();
        double[] x = new double[cells.length];
        double[] y = new double[cells.length];
        for (int p = 0; p < cells.length; p++) {
            x[p] = system.coordinate(cells[p] / ConvectionDiffusion.GRID);
            y[p] = system.coordinate(cells[p] % ConvectionDiffusion.GRID);
        }
        GraphInputs graph = new GraphInputs(new KnnGraphBuilder(4).build(x, y));
        List<float[][]> sessions = new ArrayList<>();
        for (int s = 0; s < sessionCount; s++) {
            sessions.add(simulate(system, cells, random.split()));
        }
        int trainEnd = (int) Math.round(0.7 * sessions.size());
        int valEnd = (int) Math.round(0.85 * sessions.size());
        Normalisation norm = pooledNormalisation(sessions.subList(0, trainEnd), cells.length);
        return new Data(
                graph,
                norm,
                windows(sessions.subList(0, trainEnd), norm),
                windows(sessions.subList(trainEnd, valEnd), norm),
                windows(sessions.subList(valEnd, sessions.size()), norm));
    }

    public Map<String, Score> run() {
        Data d = simulate(settings);
        GraphInputs graph = d.graph();
        List<Window> train = d.train();
        List<Window> val = d.validation();
        progress.accept(
                String.format(
                        "%d sessions (%d/%d/%d), %d points, %d edges",
                        settings.sessions(),
                        train.size(),
                        val.size(),
                        d.test().size(),
                        graph.nodes,
                        graph.edges));
        Map<String, LongFunction<StepModel>> models = new LinkedHashMap<>();
        models.put("VAR", VectorAutoregression::new);
        models.put("MLP", seed -> new NodeMlp(settings.hidden(), seed));
        models.put("StandardOP", seed -> regression(SpatialFeatures.STANDARD, seed));
        models.put("MeshOP", seed -> regression(SpatialFeatures.MESH, seed));
        models.put("SDL", seed -> regression(SpatialFeatures.LEARNED, seed));
        Map<String, Score> out = new LinkedHashMap<>();
        for (var e : models.entrySet()) {
            double[] mae = new double[settings.seeds()];
            int[] iterations = new int[settings.seeds()];
            double[] seconds = new double[settings.seeds()];
            for (int s = 0; s < settings.seeds(); s++) {
                StepModel model = e.getValue().apply(s + 1);
                TrainingConfig config =
                        TrainingConfig.defaults(INPUT, HORIZON)
                                .withIterations(settings.iterations(), settings.secondsPerModel())
                                .withSampling(settings.iterations() / 2)
                                .withBatch(4, 25)
                                .withSeed(s + 1);
                var report = new Trainer(config, line -> {}).fit(model, graph, train, val);
                mae[s] = testMae(model, d);
                iterations[s] = report.iterations();
                seconds[s] = report.seconds();
                progress.accept(
                        String.format(
                                "%s seed %d: MAE x1e-2 %.3f; %s",
                                e.getKey(), s + 1, mae[s], report.summary()));
            }
            out.put(e.getKey(), new Score(MeanStd.of(mae), iterations, seconds));
        }
        return out;
    }

    /** The table's score: MAE x 1e-2 (raw units) over the predicted frames of the test sessions. */
    public static double testMae(StepModel model, Data d) {
        HorizonErrors err =
                new ForecastScorer(INPUT, HORIZON, d.norm())
                        .score(model, d.graph(), d.test())
                        .errors();
        double sum = 0;
        for (int h = 1; h <= HORIZON; h++) {
            sum += err.mae(h);
        }
        return 100 * sum / HORIZON;
    }

    /** The data run() uses for these settings. */
    public static Data simulate(Settings settings) {
        return simulate(settings.sessions(), settings.points(), 2020);
    }

    private StepModel regression(SpatialFeatures f, long seed) {
        return new DerivativeRegression(f, settings.hidden(), 8, seed);
    }

    private static int[] samplePoints(SplittableRandom r, int points) {
        int cells = ConvectionDiffusion.GRID * ConvectionDiffusion.GRID;
        int[] all = new int[cells];
        for (int i = 0; i < cells; i++) {
            all[i] = i;
        }
        for (int i = 0; i < points; i++) { // partial Fisher-Yates
            int j = i + r.nextInt(cells - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return Arrays.copyOf(all, points);
    }

    private static float[][] simulate(ConvectionDiffusion system, int[] cells, SplittableRandom r) {
        double[] f = system.initial(r);
        float[][] frames = new float[INPUT + HORIZON][cells.length];
        for (int t = 0; t < frames.length; t++) {
            if (t > 0) {
                system.advance(f);
            }
            for (int p = 0; p < cells.length; p++) {
                frames[t][p] = (float) f[cells[p]];
            }
        }
        return frames;
    }

    /** One mean and std for all points: the field is one physical quantity. */
    private static Normalisation pooledNormalisation(List<float[][]> sessions, int n) {
        double sum = 0;
        double sq = 0;
        long count = 0;
        for (float[][] s : sessions) {
            for (float[] frame : s) {
                for (float v : frame) {
                    sum += v;
                    sq += (double) v * v;
                    count++;
                }
            }
        }
        float mean = (float) (sum / count);
        float std = (float) Math.sqrt(Math.max(sq / count - (sum / count) * (sum / count), 1e-12));
        float[] m = new float[n];
        float[] sd = new float[n];
        Arrays.fill(m, mean);
        Arrays.fill(sd, std);
        return new Normalisation(m, sd);
    }

    private static List<Window> windows(List<float[][]> sessions, Normalisation norm) {
        List<Window> out = new ArrayList<>();
        for (float[][] s : sessions) {
            float[][] z = new float[s.length][s[0].length];
            for (int t = 0; t < s.length; t++) {
                for (int i = 0; i < s[t].length; i++) {
                    z[t][i] = norm.normalise(i, s[t][i]);
                }
            }
            out.add(Window.complete(z));
        }
        return out;
    }
}
