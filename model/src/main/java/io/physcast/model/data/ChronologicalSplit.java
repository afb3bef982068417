package io.physcast.model.data;

import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Chronological train / validation / test split of a frame series, and the sliding windows inside
 * each part. Windows never cross a boundary, so no frame of a later part is seen while fitting.
 *
 * @param trainEnd first frame after the training part
 * @param validationEnd first frame of the test part
 */
public record ChronologicalSplit(int length, int trainEnd, int validationEnd) {
    public static ChronologicalSplit of(int length, double train, double validation) {
        if (!(train > 0 && validation >= 0 && train + validation <= 1)) {
            throw new IllegalArgumentException("bad split fractions " + train + "/" + validation);
        }
        int a = (int) Math.round(length * train);
        int b = (int) Math.round(length * (train + validation));
        return new ChronologicalSplit(length, a, b);
    }

    public List<Window> train(float[][] values, float[][] observed, int len) {
        return windows(values, observed, 0, trainEnd, len);
    }

    public List<Window> validation(float[][] values, float[][] observed, int len) {
        return windows(values, observed, trainEnd, validationEnd, len);
    }

    public List<Window> test(float[][] values, float[][] observed, int len) {
        return windows(values, observed, validationEnd, length, len);
    }

    /** Windows of {@code len} frames starting at every frame of {@code [from, to - len]}. */
    public static List<Window> windows(
            float[][] values, float[][] observed, int from, int to, int len) {
        List<Window> out = new ArrayList<>();
        for (int s = from; s + len <= to; s++) {
            float[][] v = new float[len][];
            float[][] o = new float[len][];
            for (int i = 0; i < len; i++) {
                v[i] = values[s + i];
                o[i] = observed[s + i];
            }
            out.add(new Window(v, o));
        }
        return out;
    }
}
