package io.physcast.model.meta;

import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Adam;
import io.physcast.model.train.Execution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * First-order MAML (PiMetaL Algorithm 1 without the second-order term: our tape has no
 * gradient-of-gradient): for each task, a few (norm-clipped) SGD steps on the support set from the
 * shared initialisation, then the query-set gradient at the adapted parameters; the meta-update
 * applies the batch mean of those gradients to the initialisation.
 */
public final class Maml {
    /**
     * @param innerSteps SGD steps on a task's support set
     * @param innerLr alpha
     * @param outerLr beta (Adam)
     */
    public record Settings(
            int iterations,
            int tasksPerBatch,
            int innerSteps,
            float innerLr,
            float outerLr,
            long seed) {}

    private Maml() {}

    /** Meta-trains the model's initialisation on tasks drawn from the generator. */
    public static List<Double> train(
            SpatialDerivativeModel model,
            MetaTaskGenerator tasks,
            Settings s,
            Consumer<String> progress) {
        Adam adam = new Adam(s.outerLr(), 0f, 5f);
        List<Double> history = new ArrayList<>();
        long start = System.nanoTime();
        for (int it = 0; it < s.iterations(); it++) {
            List<SpatialDerivativeModel.Prepared[]> batch = new ArrayList<>();
            for (int b = 0; b < s.tasksPerBatch(); b++) {
                batch.add(prepare(tasks.draw(s.seed() * 1_000_003L + it * 1_009L + b)));
            }
            double loss = metaGradient(model, batch, s.innerSteps(), s.innerLr());
            adam.step(model.params().all());
            history.add(loss);
            if ((it + 1) % 10 == 0 || it + 1 == s.iterations()) {
                progress.accept(
                        String.format(
                                "meta it %d  adapted query loss %.4f  %.0fs",
                                it + 1, loss, (System.nanoTime() - start) / 1e9));
            }
        }
        return history;
    }

    public static SpatialDerivativeModel.Prepared[] prepare(MetaTask t) {
        return new SpatialDerivativeModel.Prepared[] {
            SpatialDerivativeModel.prepare(t.support()), SpatialDerivativeModel.prepare(t.query())
        };
    }

    /**
     * Leaves the batch-mean first-order meta-gradient in the parameters' gradients (the parameter
     * values are unchanged) and returns the mean query loss after adaptation.
     */
    public static double metaGradient(
            SpatialDerivativeModel model,
            List<SpatialDerivativeModel.Prepared[]> batch,
            int innerSteps,
            float innerLr) {
        List<Param> params = new ArrayList<>(model.params().all());
        float[][] init = model.params().snapshot();
        float[][] sum = new float[params.size()][];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = new float[init[i].length];
        }
        double queryLoss = 0;
        try (Execution exec = Execution.of(model.params())) {
            for (SpatialDerivativeModel.Prepared[] task : batch) {
                model.params().restore(init);
                adapt(exec, model, params, task[0], innerSteps, innerLr);
                try (Tape t = exec.training()) {
                    Var q = model.loss(t, task[1]);
                    t.backward(q);
                    exec.gradientsToHost();
                    queryLoss += q.host().data[0] / batch.size();
                }
                for (int i = 0; i < sum.length; i++) {
                    float[] g = params.get(i).grad.data;
                    for (int j = 0; j < g.length; j++) {
                        sum[i][j] += g[j] / batch.size();
                    }
                    params.get(i).zeroGrad();
                }
            }
        }
        model.params().restore(init);
        for (int i = 0; i < sum.length; i++) {
            System.arraycopy(sum[i], 0, params.get(i).grad.data, 0, sum[i].length);
        }
        return queryLoss;
    }

    /** Query loss after adapting to the support set; the parameters are left as they were. */
    public static double adaptedQueryLoss(
            SpatialDerivativeModel model,
            SpatialDerivativeModel.Prepared[] task,
            int innerSteps,
            float innerLr) {
        List<Param> params = new ArrayList<>(model.params().all());
        float[][] init = model.params().snapshot();
        double q;
        try (Execution exec = Execution.of(model.params())) {
            adapt(exec, model, params, task[0], innerSteps, innerLr);
            try (Execution adapted = Execution.of(model.params());
                    Tape t = adapted.inference()) {
                q = model.loss(t, task[1]).host().data[0];
            }
        }
        model.params().restore(init);
        return q;
    }

    private static void adapt(
            Execution exec,
            SpatialDerivativeModel model,
            List<Param> params,
            SpatialDerivativeModel.Prepared support,
            int steps,
            float lr) {
        for (int s = 0; s < steps; s++) {
            try (Tape t = exec.training()) {
                t.backward(model.loss(t, support));
                exec.gradientsToHost();
            }
            // SGD with the gradient clipped to norm 1: short edges give large Laplacian features
            double norm = 0;
            for (Param p : params) {
                for (float g : p.grad.data) {
                    norm += g * g;
                }
            }
            float k = (float) (lr / Math.max(1, Math.sqrt(norm)));
            for (Param p : params) {
                float[] v = p.value.data;
                float[] g = p.grad.data;
                if (!p.frozen()) {
                    for (int j = 0; j < v.length; j++) {
                        v[j] -= k * g[j];
                    }
                }
                p.zeroGrad();
            }
        }
    }
}
