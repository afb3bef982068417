package io.physcast.model.fewshot;

import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.StepModel;
import io.physcast.model.train.ValidationCriterion;
import io.physcast.model.train.Window;
import java.util.List;

/**
 * A checkpoint rule for few-shot training: another criterion's score, for parameters whose rollout
 * from the shots stays bounded, and +infinity (never kept) for parameters whose rollout runs away.
 * The rollout is generated as the task will be ({@link FewShotExperiment#generated}), as many
 * frames as it will generate: a value that is not finite, or that leaves the range of the observed
 * shots widened by that range on either side, is a runaway. Persistence (the start) always passes.
 * Looks at the shots only, never at the frames to be scored.
 */
final class StableRollout implements ValidationCriterion {
    private final ValidationCriterion inner;
    private final Window shots;
    private final int generated;
    private final float low;
    private final float high;

    StableRollout(ValidationCriterion inner, Window shots, int generated) {
        this.inner = inner;
        this.shots = shots;
        this.generated = generated;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < shots.length(); t++) {
            for (int i = 0; i < shots.nodes(); i++) {
                if (shots.observed()[t][i] != 0f) {
                    min = Math.min(min, shots.values()[t][i]);
                    max = Math.max(max, shots.values()[t][i]);
                }
            }
        }
        float range = max - min;
        this.low = min - range;
        this.high = max + range;
    }

    @Override
    public String name() {
        return inner.name() + " (stable rollouts)";
    }

    @Override
    public double score(StepModel model, GraphInputs graph, List<Window> validation) {
        return stable(model, graph)
                ? inner.score(model, graph, validation)
                : Double.POSITIVE_INFINITY;
    }

    boolean stable(StepModel model, GraphInputs graph) {
        int n = shots.length();
        float[][] frames =
                FewShotExperiment.generated(
                        model, graph, shots.values(), shots.observed(), n, n + generated);
        for (int t = n; t < frames.length; t++) {
            for (float v : frames[t]) {
                if (!(v >= low && v <= high)) { // NaN fails too
                    return false;
                }
            }
        }
        return true;
    }
}
