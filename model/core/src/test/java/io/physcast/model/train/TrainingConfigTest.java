package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingConfigTest {
    @Test
    void eachWitherChangesItsOwnFieldsAndKeepsTheRest() {
        TrainingConfig base = TrainingConfig.defaults(12, 12);
        TrainingConfig c =
                base.withLearningRate(3e-4f)
                        .withAveraging(0.9f)
                        .withBatch(4, 25)
                        .withSeed(7)
                        .withSampling(100)
                        .withIterations(500, 60)
                        .withFeedbackGradients(false);
        assertEquals(
                new TrainingConfig(
                        12, 12, 4, 500, 3e-4f, 5e-4f, 25, 6, 60, 100, 7, 0.9f, false, false),
                c);
        assertEquals(1e-3f, base.learningRate(), "the original is unchanged");
        assertEquals(0f, base.averaging());
        assertTrue(base.feedbackGradients());
    }

    @Test
    void stationTrainingCutsGradientsThroughFedBackPredictions() {
        assertFalse(TrainingConfig.stations(12, 12, 100, 60, 1).feedbackGradients());
    }

    @Test
    void stationTrainingKeepsTheParameterAverage() {
        assertEquals(0.96f, TrainingConfig.stations(12, 12, 100, 60, 1).averaging());
    }

    @Test
    void rejectsAnAveragingDecayOutsideItsRange() {
        TrainingConfig base = TrainingConfig.defaults(12, 12);
        assertThrows(IllegalArgumentException.class, () -> base.withAveraging(1f));
        assertThrows(IllegalArgumentException.class, () -> base.withAveraging(-0.1f));
    }
}
