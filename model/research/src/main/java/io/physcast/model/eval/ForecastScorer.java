package io.physcast.model.eval;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Execution;
import io.physcast.model.train.SequenceUnroller;
import io.physcast.model.train.Window;
import java.util.Arrays;
import java.util.List;

/**
 * Scores a model on windows that start at consecutive frames: warm up on {@code inputLen} frames,
 * forecast {@code horizon} frames with no teacher forcing, and compare with the observed targets
 * after undoing the normalisation. Also keeps every forecast by target frame so a few can be
 * plotted.
 */
public final class ForecastScorer {
    private static final int BATCH = 16;
    private final int inputLen;
    private final int horizon;
    private final Normalisation norm;

    public ForecastScorer(int inputLen, int horizon, Normalisation norm) {
        this.inputLen = inputLen;
        this.horizon = horizon;
        this.norm = norm;
    }

    /**
     * @param forecasts {@code [horizon][window + inputLen + h - 1][node]}: forecast for each target
     *     frame (relative to the first window's start), NaN where none
     * @param truth {@code [frame][node]}: the observed value of each target frame, NaN where none
     */
    public record Scores(HorizonErrors errors, double[][][] forecasts, double[][] truth) {}

    public int horizon() {
        return horizon;
    }

    public Scores score(StepModel model, GraphInputs graph, List<Window> windows) {
        int n = graph.nodes;
        HorizonErrors errors = new HorizonErrors(horizon);
        double[][][] forecasts = new double[horizon][windows.size() + inputLen + horizon][n];
        for (double[][] byHorizon : forecasts) {
            for (double[] row : byHorizon) {
                Arrays.fill(row, Double.NaN);
            }
        }
        double[][] truth = new double[windows.size() + inputLen + horizon][n];
        for (double[] row : truth) {
            Arrays.fill(row, Double.NaN);
        }
        SequenceUnroller unroller = new SequenceUnroller(model, inputLen, horizon);
        GraphInputs full = graph.replicate(BATCH); // one graph for every whole batch
        try (Execution exec = Execution.of(model.params())) {
            for (int from = 0; from < windows.size(); from += BATCH) {
                List<Window> batch = windows.subList(from, Math.min(from + BATCH, windows.size()));
                GraphInputs g = batch.size() == BATCH ? full : graph.replicate(batch.size());
                try (Tape t = exec.inference()) {
                    List<Var> preds = unroller.unroll(t, g, batch, 0, null).predictions();
                    for (int h = 1; h <= horizon; h++) {
                        float[] p = preds.get(h - 1).host().data; // (batch * N) x 1
                        for (int b = 0; b < batch.size(); b++) {
                            Window w = batch.get(b);
                            int target = inputLen + h - 1;
                            int frame = from + b + target;
                            for (int i = 0; i < n; i++) {
                                double f = norm.denormalise(i, p[b * n + i]);
                                forecasts[h - 1][frame][i] = f;
                                if (w.observed()[target][i] != 0f) {
                                    double y = norm.denormalise(i, w.values()[target][i]);
                                    errors.add(h, f, y);
                                    truth[frame][i] = y;
                                }
                            }
                        }
                    }
                }
            }
        }
        return new Scores(errors, forecasts, truth);
    }
}
