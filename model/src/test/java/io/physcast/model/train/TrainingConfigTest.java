package io.physcast.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                        .withIterations(500, 60);
        assertEquals(new TrainingConfig(12, 12, 4, 500, 3e-4f, 5e-4f, 25, 6, 60, 100, 7, 0.9f), c);
        assertEquals(1e-3f, base.learningRate(), "the original is unchanged");
        assertEquals(0f, base.averaging());
    }

    @Test
    void rejectsAnAveragingDecayOutsideItsRange() {
        TrainingConfig base = TrainingConfig.defaults(12, 12);
        assertThrows(IllegalArgumentException.class, () -> base.withAveraging(1f));
        assertThrows(IllegalArgumentException.class, () -> base.withAveraging(-0.1f));
    }
}
