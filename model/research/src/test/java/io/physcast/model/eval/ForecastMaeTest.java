package io.physcast.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.TestGraphs;
import io.physcast.model.artifact.ModelCatalog;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.Window;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastMaeTest {
    private static final int N = 6;
    private static final GraphInputs GRAPH = new GraphInputs(TestGraphs.knn(N, 2));

    /**
     * Normalised inputs constant at 0.5 per node; the targets step by {@code 1 + node} at horizon 1
     * and by {@code -2} at horizon 2. Node 5's horizon-2 target is missing.
     */
    private static Window window() {
        float[][] values = new float[5][N];
        float[][] observed = new float[5][N];
        for (float[] row : observed) {
            Arrays.fill(row, 1f);
        }
        for (int i = 0; i < N; i++) {
            values[0][i] = values[1][i] = values[2][i] = 0.5f;
            values[3][i] = 0.5f + (1 + i);
            values[4][i] = 0.5f - 2;
        }
        observed[4][5] = 0f;
        return new Window(values, observed);
    }

    private static Normalisation norm() {
        float[] mean = new float[N];
        float[] std = new float[N];
        for (int i = 0; i < N; i++) {
            mean[i] = 10 * i;
            std[i] = 1 + i; // stations of different scale
        }
        return new Normalisation(mean, std);
    }

    @Test
    void isTheMeanOverHorizonsOfPersistenceErrorsInDataUnits() {
        StepModel persistence = ModelCatalog.create("persistence", 8, 1, 1);
        var mae = new ForecastMae(new ForecastScorer(3, 2, norm()));
        // persistence forecasts 0.5 (normalised) at both horizons; errors scale with each std
        double h1 = 0;
        double h2 = 0;
        for (int i = 0; i < N; i++) {
            h1 += (1 + i) * (1.0 + i) / N;
            h2 += i < 5 ? 2.0 * (1 + i) / 5 : 0;
        }
        assertEquals(
                (h1 + h2) / 2, mae.score(persistence, GRAPH, List.of(window(), window())), 1e-5);
        assertEquals("MAE", mae.name());
    }

    @Test
    void nothingToScoreIsNaN() {
        StepModel persistence = ModelCatalog.create("persistence", 8, 1, 1);
        var mae = new ForecastMae(new ForecastScorer(3, 2, norm()));
        assertTrue(Double.isNaN(mae.score(persistence, GRAPH, List.of())));
    }

    @Test
    void selectParsesBothNamesAndRejectsOthers() {
        assertEquals(CheckpointMetric.MAE, CheckpointMetric.parse("mae"));
        assertEquals(CheckpointMetric.LOSS, CheckpointMetric.parse(" Loss "));
        var e = assertThrows(IllegalArgumentException.class, () -> CheckpointMetric.parse("rmse"));
        assertTrue(e.getMessage().contains("mae or loss"), e.getMessage());
    }
}
