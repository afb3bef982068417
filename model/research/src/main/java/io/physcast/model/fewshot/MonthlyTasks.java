package io.physcast.model.fewshot;

import io.physcast.model.data.FrameSeries;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a frame series into one task per calendar month (UTC), as in PiMetaL's AQI-CO setup: the
 * first frames of the month are the shots, the rest of the month is to be generated.
 */
public final class MonthlyTasks {
    /** A task's shots must have at least this fraction of their values observed. */
    static final double MIN_SHOT_COVERAGE = 0.3;

    /** Frames a task must have after the largest shot count, so something is generated. */
    static final int MIN_TARGET_FRAMES = 5;

    private MonthlyTasks() {}

    /**
     * The usable months (complete in the series, enough coverage in their first {@code maxShots}
     * frames and observed values after them), at most {@code maxTasks} of them spread evenly over
     * the series (all when there are fewer).
     */
    public static List<FewShotTask> of(FrameSeries series, int maxShots, int maxTasks) {
        List<FewShotTask> usable = new ArrayList<>();
        int t = 0;
        while (t < series.length()) {
            YearMonth month = month(series, t);
            int end = t;
            while (end < series.length() && month(series, end).equals(month)) {
                end++;
            }
            boolean whole =
                    end - t == month.lengthOfMonth()
                            || series.window().toDays() != 1; // sub-daily: any month part
            if (whole && end - t >= maxShots + MIN_TARGET_FRAMES) {
                FewShotTask task =
                        new FewShotTask(
                                month.toString(),
                                Arrays.copyOfRange(series.values(), t, end),
                                Arrays.copyOfRange(series.observed(), t, end));
                if (task.coverage(maxShots) >= MIN_SHOT_COVERAGE
                        && task.observedFrom(maxShots) > 0) {
                    usable.add(task);
                }
            }
            t = end;
        }
        if (usable.size() <= maxTasks) {
            return usable;
        }
        List<FewShotTask> spread = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            spread.add(usable.get((int) ((long) i * usable.size() / maxTasks)));
        }
        return spread;
    }

    private static YearMonth month(FrameSeries series, int t) {
        return YearMonth.from(series.time(t).atZone(ZoneOffset.UTC));
    }
}
