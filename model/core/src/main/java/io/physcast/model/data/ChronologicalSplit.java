package io.physcast.model.data;

import io.physcast.model.train.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Chronological train / validation / test split of a frame series, and the sliding windows of each
 * part. Training windows lie inside the training part. A validation or test window is one whose
 * forecast frames lie in its part: its warm-up frames may come from the part before, the history a
 * forecaster has at that time. No frame of a later part is seen while fitting, and every frame of a
 * later part is forecast: with windows kept inside the part, the first {@code inputLen} frames of
 * the validation and test parts were never forecast, and a 37-day validation part of 24-frame
 * windows held 14 windows instead of 26.
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

    /** Windows forecasting the validation part after {@code inputLen} warm-up frames. */
    public List<Window> validation(float[][] values, float[][] observed, int inputLen, int len) {
        return windows(values, observed, forecastStart(trainEnd, inputLen), validationEnd, len);
    }

    /** Windows forecasting the test part after {@code inputLen} warm-up frames. */
    public List<Window> test(float[][] values, float[][] observed, int inputLen, int len) {
        return windows(values, observed, testStart(inputLen), length, len);
    }

    /** The first frame of the first test window. */
    public int testStart(int inputLen) {
        return forecastStart(validationEnd, inputLen);
    }

    private static int forecastStart(int partStart, int inputLen) {
        return Math.max(0, partStart - inputLen);
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
