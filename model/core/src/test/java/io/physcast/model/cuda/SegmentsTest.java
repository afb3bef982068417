package io.physcast.model.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SegmentsTest {
    @Test
    void groupsPositionsByKeyInIncreasingOrder() {
        Segments s = Segments.of(new int[] {2, 0, 2, 1, 0, 2}, 4);
        assertArrayEquals(new int[] {0, 2, 3, 6, 6}, s.start());
        assertArrayEquals(new int[] {1, 4, 3, 0, 2, 5}, s.order());
        assertArrayEquals(
                new int[] {10, 40, 30, 0, 20, 50}, s.permute(new int[] {0, 10, 20, 30, 40, 50}));
    }

    @Test
    void aScatterAddAsAGatherPerTargetSumsInTheSameOrder() {
        int[] key = {3, 1, 3, 0, 3};
        float[] x = {0.1f, 1e8f, -1e8f, 2f, 0.3f};
        float[] direct = new float[4];
        for (int e = 0; e < key.length; e++) {
            direct[key[e]] += x[e];
        }
        Segments s = Segments.of(key, 4);
        float[] grouped = new float[4];
        for (int g = 0; g < 4; g++) {
            for (int k = s.start()[g]; k < s.start()[g + 1]; k++) {
                grouped[g] += x[s.order()[k]];
            }
        }
        assertArrayEquals(direct, grouped, 0f);
    }

    @Test
    void aKeyOutsideTheGroupsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Segments.of(new int[] {0, 4}, 4));
    }
}
