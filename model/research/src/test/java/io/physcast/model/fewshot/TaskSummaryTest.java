package io.physcast.model.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSummaryTest {
    private static FewShotExperiment.TaskScore score(String month, String model, double mse) {
        return new FewShotExperiment.TaskScore(month, 5, model, mse, new double[] {mse});
    }

    @Test
    void aRunawayTaskMovesTheMeanButNotTheMedianAndWinsCountTasks() {
        List<FewShotExperiment.TaskScore> s = new ArrayList<>();
        double[] meta = {1.0, 2.0, 3.0, 50.0};
        double[] scratch = {1.5, 1.0, 4.0, 2.0};
        for (int i = 0; i < meta.length; i++) {
            s.add(score("m" + i, "PiMetaL", meta[i]));
            s.add(score("m" + i, "PA-DGN", scratch[i]));
        }
        assertEquals(2.5, TaskSummary.medians(s).get(5).get("PiMetaL"), 1e-12);
        assertEquals(1.75, TaskSummary.medians(s).get(5).get("PA-DGN"), 1e-12);
        assertEquals(2, TaskSummary.wins(s, "PiMetaL", "PA-DGN").get(5));
        assertEquals(2, TaskSummary.wins(s, "PA-DGN", "PiMetaL").get(5));
        assertEquals(3.0, TaskSummary.median(List.of(5.0, 1.0, 3.0)), 1e-12);
    }
}
