package io.physcast.model.commands;

import io.physcast.model.data.StationDataset;
import io.physcast.model.eval.ForecastPlot;
import io.physcast.model.eval.StationEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Chooses what {@code evaluate} plots: four stations, the last model's h=1 and h=6 forecasts. */
final class EvaluationPlots {
    private static final int STATIONS = 4;

    private EvaluationPlots() {}

    static void write(
            Path png, StationDataset data, StationEvaluation.Result r, int inputLen, int horizon)
            throws IOException {
        if (r.models().isEmpty()) {
            return;
        }
        List<StationEvaluation.ModelResult> all = new ArrayList<>(r.models().values());
        StationEvaluation.ModelResult m = all.get(all.size() - 1);
        int from = r.split().validationEnd();
        int frames = r.split().length() - from;
        int offset = from - r.split().testStart(inputLen); // forecasts count from the first window
        List<ForecastPlot.Panel> panels = new ArrayList<>();
        int n = data.stations().size();
        for (int p = 0; p < Math.min(STATIONS, n); p++) {
            int node = p * n / Math.min(STATIONS, n);
            double[] observed = new double[frames];
            for (int t = 0; t < frames; t++) {
                observed[t] =
                        data.series().observed()[from + t][node] != 0f
                                ? data.series().values()[from + t][node]
                                : Double.NaN;
            }
            List<ForecastPlot.Series> lines = new ArrayList<>();
            for (int h : new int[] {1, 6}) {
                if (h <= horizon) {
                    double[] f = new double[frames];
                    double[][] byFrame = m.test().forecasts()[h - 1];
                    for (int t = 0; t < frames; t++) {
                        int i = t + offset;
                        f[t] = i < byFrame.length ? byFrame[i][node] : Double.NaN;
                    }
                    lines.add(new ForecastPlot.Series(m.model() + " h" + h, f));
                }
            }
            panels.add(new ForecastPlot.Panel(data.stations().get(node).id(), observed, lines));
        }
        ForecastPlot.write(png, "Test split: observed (black) and forecasts", panels);
    }
}
