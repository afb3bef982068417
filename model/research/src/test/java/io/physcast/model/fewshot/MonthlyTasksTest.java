package io.physcast.model.fewshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.physcast.model.data.FrameSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonthlyTasksTest {
    /** Daily frames of 3 stations from 2005-01-15 to 2005-05-10, all observed. */
    private static FrameSeries series(int days) {
        float[][] v = new float[days][3];
        float[][] o = new float[days][3];
        for (int t = 0; t < days; t++) {
            for (int i = 0; i < 3; i++) {
                v[t][i] = t + i;
                o[t][i] = 1;
            }
        }
        return new FrameSeries(Instant.parse("2005-01-15T00:00:00Z"), Duration.ofDays(1), v, o);
    }

    @Test
    void oneTaskPerWholeCalendarMonthStartingOnItsFirstDay() {
        FrameSeries s = series(116); // Jan 15 .. May 10: February, March and April are whole
        List<FewShotTask> tasks = MonthlyTasks.of(s, 10, 24);
        assertEquals(List.of("2005-02", "2005-03", "2005-04"), months(tasks));
        assertEquals(28, tasks.get(0).length());
        assertEquals(31, tasks.get(1).length());
        assertEquals(17f, tasks.get(0).values()[0][0], "February 1st is frame 17");
    }

    @Test
    void monthsWithoutObservedShotsAreLeftOutAndTheRestSpreadEvenly() {
        FrameSeries s = series(116);
        for (int t = 45; t < 55; t++) { // March 1-10: nothing observed
            s.observed()[t] = new float[3];
        }
        assertEquals(List.of("2005-02", "2005-04"), months(MonthlyTasks.of(s, 10, 24)));
        assertEquals(List.of("2005-02"), months(MonthlyTasks.of(s, 10, 1)));
    }

    private static List<String> months(List<FewShotTask> tasks) {
        return tasks.stream().map(FewShotTask::month).toList();
    }
}
