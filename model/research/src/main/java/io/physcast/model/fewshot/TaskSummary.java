package io.physcast.model.fewshot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mean over tasks hides: the median task per shot count and model (a few runaway rollouts
 * move a mean, not a median), and on how many tasks one model scored below another.
 */
public final class TaskSummary {
    private TaskSummary() {}

    /** Median task score per shot count and model. */
    public static Map<Integer, Map<String, Double>> medians(
            List<FewShotExperiment.TaskScore> scores) {
        Map<Integer, Map<String, Double>> out = new TreeMap<>();
        Map<Integer, Map<String, List<Double>>> byCell = new TreeMap<>();
        for (var s : scores) {
            byCell.computeIfAbsent(s.shots(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(s.model(), m -> new java.util.ArrayList<>())
                    .add(s.mse());
        }
        byCell.forEach(
                (t, models) -> {
                    Map<String, Double> row = new LinkedHashMap<>();
                    models.forEach((m, v) -> row.put(m, median(v)));
                    out.put(t, row);
                });
        return out;
    }

    /** Per shot count: the tasks on which {@code a} scored strictly below {@code b}. */
    public static Map<Integer, Integer> wins(
            List<FewShotExperiment.TaskScore> scores, String a, String b) {
        Map<String, Double> other = new LinkedHashMap<>();
        for (var s : scores) {
            if (s.model().equals(b)) {
                other.put(s.month() + "@" + s.shots(), s.mse());
            }
        }
        Map<Integer, Integer> out = new TreeMap<>();
        for (var s : scores) {
            if (s.model().equals(a)) {
                Double theirs = other.get(s.month() + "@" + s.shots());
                out.merge(s.shots(), theirs != null && s.mse() < theirs ? 1 : 0, Integer::sum);
            }
        }
        return out;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
