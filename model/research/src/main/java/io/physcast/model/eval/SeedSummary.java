package io.physcast.model.eval;

import io.physcast.model.experiments.MeanStd;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each model's test MAE and RMSE at the reported horizons over several evaluation runs that differ
 * only in the seed: mean and (population) standard deviation. Graph networks' single-run figures
 * move by up to 1 ug/m3 at h6 on PM10 with the seed or with the float rounding of another CPU's
 * BLAS kernels, so comparisons between models need the spread.
 */
public final class SeedSummary {
    /** One model's figures, indexed like the horizons. */
    public record ModelSpread(MeanStd[] mae, MeanStd[] rmse) {}

    private SeedSummary() {}

    public static Map<String, ModelSpread> of(List<StationEvaluation.Result> runs, int[] horizons) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to summarise");
        }
        Map<String, ModelSpread> out = new LinkedHashMap<>();
        for (String model : runs.get(0).rows()) {
            MeanStd[] mae = new MeanStd[horizons.length];
            MeanStd[] rmse = new MeanStd[horizons.length];
            for (int j = 0; j < horizons.length; j++) {
                int h = horizons[j];
                mae[j] = MeanStd.of(values(runs, model, e -> e.mae(h)));
                rmse[j] = MeanStd.of(values(runs, model, e -> e.rmse(h)));
            }
            out.put(model, new ModelSpread(mae, rmse));
        }
        return out;
    }

    private static double[] values(
            List<StationEvaluation.Result> runs,
            String model,
            java.util.function.ToDoubleFunction<HorizonErrors> metric) {
        return runs.stream().mapToDouble(r -> metric.applyAsDouble(r.errors(model))).toArray();
    }
}
