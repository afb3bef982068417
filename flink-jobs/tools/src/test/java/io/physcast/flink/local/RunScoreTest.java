package io.physcast.flink.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.physcast.schemas.Forecast;
import io.physcast.schemas.ForecastStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunScoreTest {
    private static final long H = 3_600_000L;

    private static Forecast forecast(long issue, String version, double... values) {
        List<ForecastStep> steps = new java.util.ArrayList<>();
        for (int h = 0; h < values.length; h++) {
            steps.add(
                    new ForecastStep(
                            h + 1,
                            Instant.ofEpochMilli(issue + (h + 1) * H),
                            values[h],
                            null,
                            List.of()));
        }
        return Forecast.newBuilder()
                .setRegion("r")
                .setVariable("v")
                .setStation("s")
                .setIssueTime(Instant.ofEpochMilli(issue))
                .setModelVersion(version)
                .setSteps(steps)
                .build();
    }

    @Test
    void scoresAgainstTheMeanOfTheReadingsSentAndSplitsByAdaptation() {
        // windows ending at 1 h, 2 h, 3 h: truths 1 (mean of 0 and 2), 4, 10
        List<Message> sent =
                List.of(
                        Messages.reading(0, "r", "v", "s", 10, 50, 5, 0),
                        Messages.reading(0, "r", "v", "s", 20, 50, 5, 2),
                        Messages.reading(0, "r", "v", "s", H + 5, 50, 5, 4),
                        Messages.reading(0, "r", "v", "s", 2 * H + 5, 50, 5, 10),
                        Messages.junk(0, "s", new byte[] {1}));
        RunScore score = new RunScore(sent, H, 2);
        score.add(forecast(H, "m", 3, 9)); // persistence 1: errors model 1, 1; persistence 3, 9
        score.add(forecast(2 * H, "m+head1", 6, 0)); // h1 scored only: model 4, persistence 6
        score.add(forecast(3 * H, "m+head1", 1, 1)); // no truth at 4 h, 5 h: nothing scored
        assertEquals(3, score.forecasts());
        assertEquals((1 + 4) / 2.0, score.mae()[0]);
        assertEquals(1.0, score.mae()[1]);
        assertEquals((3 + 6) / 2.0, score.persistenceMae()[0]);
        @SuppressWarnings("unchecked")
        Map<String, Object> before =
                (Map<String, Object>) score.byAdaptation().get("before_adaptation");
        @SuppressWarnings("unchecked")
        Map<String, Object> after =
                (Map<String, Object>) score.byAdaptation().get("after_adaptation");
        assertEquals(2L, before.get("steps"));
        assertEquals(1.0, before.get("mae"));
        assertEquals(6.0, before.get("persistence_mae"));
        assertEquals(1L, after.get("steps"));
        assertEquals(4.0, after.get("mae"));
    }
}
