package io.physcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.physcast.model.autodiff.Param;
import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Each tape op's backward against central differences in isolation (smooth ops, small h). */
class TapeOpsTest {
    private static Param p(String name, int r, int c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = new float[r * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return new Param(name, new Tensor(r, c, d));
    }

    private static void check(String op, List<Param> ps, BiFunction<Tape, Var[], Var> f) {
        Tape t = Tape.training();
        Var[] in = ps.stream().map(t::param).toArray(Var[]::new);
        Var out = f.apply(t, in);
        Tensor target = Tensor.zeros(out.rows(), out.cols());
        t.backward(t.maskedMse(out, target, null));
        for (Param p : ps) {
            for (int i = 0; i < p.value.size(); i++) {
                float old = p.value.data[i];
                float h = 1e-3f;
                p.value.data[i] = old + h;
                double up = eval(ps, f, target);
                p.value.data[i] = old - h;
                double down = eval(ps, f, target);
                p.value.data[i] = old;
                double num = (up - down) / (2 * h);
                assertEquals(
                        num,
                        p.grad.data[i],
                        1e-3 + 1e-2 * Math.abs(num),
                        op + " " + p.name + "[" + i + "]");
            }
        }
    }

    private static double eval(List<Param> ps, BiFunction<Tape, Var[], Var> f, Tensor target) {
        Tape t = Tape.inference();
        Var[] in = ps.stream().map(t::param).toArray(Var[]::new);
        return t.maskedMse(f.apply(t, in), target, null).value.data[0];
    }

    @Test
    void everyOpMatchesFiniteDifferences() {
        check("matmul", List.of(p("a", 3, 4, 1), p("w", 4, 2, 2)), (t, v) -> t.matmul(v[0], v[1]));
        check(
                "addBias",
                List.of(p("a", 3, 4, 1), p("b", 1, 4, 2)),
                (t, v) -> t.addBias(v[0], v[1]));
        Param lw = p("w", 4, 2, 2);
        Param lb = p("b", 1, 2, 3);
        check("linear", List.of(p("x", 3, 4, 1), lw, lb), (t, v) -> t.linear(v[0], lw, lb));
        check("mul", List.of(p("a", 3, 4, 1), p("b", 3, 4, 2)), (t, v) -> t.mul(v[0], v[1]));
        check("sub", List.of(p("a", 3, 4, 1), p("b", 3, 4, 2)), (t, v) -> t.sub(v[0], v[1]));
        check(
                "mulColumn",
                List.of(p("a", 3, 4, 1), p("c", 3, 1, 2)),
                (t, v) -> t.mulColumn(v[0], v[1]));
        check("repeatColumn", List.of(p("c", 3, 1, 2)), (t, v) -> t.repeatColumn(v[0], 3));
        check("tanh", List.of(p("a", 3, 4, 1)), (t, v) -> t.tanh(v[0]));
        check("relu", List.of(p("a", 3, 4, 1)), (t, v) -> t.relu(v[0]));
        check(
                "gru",
                List.of(
                        p("gx", 3, 6, 1),
                        p("gh", 3, 6, 2),
                        p("h", 3, 2, 3),
                        p("bx", 1, 6, 4),
                        p("bh", 1, 6, 5)),
                (t, v) -> t.gru(v[0], v[1], v[2], v[3], v[4]));
        check(
                "concat",
                List.of(p("a", 3, 2, 1), p("b", 3, 1, 2)),
                (t, v) -> t.concatCols(v[0], v[1], v[0]));
        check("slice", List.of(p("a", 3, 5, 1)), (t, v) -> t.sliceCols(v[0], 1, 4));
        check(
                "sliceRows",
                List.of(p("a", 2, 3, 1), p("w", 5, 2, 2)),
                (t, v) -> t.matmul(v[0], t.sliceRows(v[1], 1, 4)));
        int[] idx = {2, 0, 2, 1};
        check("gather", List.of(p("a", 3, 2, 1)), (t, v) -> t.gatherRows(v[0], idx));
        check("scatter", List.of(p("a", 4, 2, 1)), (t, v) -> t.scatterAddRows(v[0], idx, 3));
        check(
                "addGatheredRows",
                List.of(p("base", 4, 2, 1), p("x", 3, 2, 2)),
                (t, v) -> t.addGatheredRows(v[0], v[1], idx));
        io.physcast.model.operators.SparseOperator op =
                new io.physcast.model.operators.SparseOperator.Builder(2)
                        .add(0, 1, 2.0)
                        .add(0, 0, -1.5)
                        .add(1, 2, 0.5)
                        .add(0, 1, 1.0)
                        .build();
        check("sparse", List.of(p("f", 3, 1, 1)), (t, v) -> t.sparse(v[0], op));
        check("reuse", List.of(p("a", 3, 3, 1)), (t, v) -> t.matmul(t.tanh(v[0]), v[0]));
    }

    /** Without a backward pass the GRU writes n over r and its output over z: same numbers. */
    @Test
    void gruOnAnInferenceTapeGivesTheTrainingForward() {
        List<Param> ps =
                List.of(
                        p("gx", 7, 15, 4),
                        p("gh", 7, 15, 5),
                        p("h", 7, 5, 6),
                        p("bx", 1, 15, 7),
                        p("bh", 1, 15, 8));
        Tape train = Tape.training();
        Tape infer = Tape.inference();
        float[] trained = gru(train, ps).value.data;
        float[] inferred = gru(infer, ps).value.data;
        assertArrayEquals(trained, inferred);
        assertTrue(trained[0] != 0f, "a non-trivial output");
    }

    private static Var gru(Tape t, List<Param> ps) {
        Var[] v = ps.stream().map(t::param).toArray(Var[]::new);
        return t.gru(v[0], v[1], v[2], v[3], v[4]);
    }

    /**
     * A fresh intermediate adopts its consumer's spent gradient buffer (add, addBias, relu,
     * addGatheredRows): gradients that arrive later, or through a second use, must still add up.
     */
    @Test
    void adoptedGradientBuffersStayCorrect() {
        // fresh parameters per check: a Param's gradient accumulates across tapes
        check("add(x, x)", ab(), (t, v) -> t.add(t.tanh(v[0]), t.tanh(v[0])));
        check(
                "add of one intermediate twice",
                ab(),
                (t, v) -> {
                    Var y = t.tanh(v[0]);
                    return t.add(y, y);
                });
        check(
                "adopt, then a gradient from an earlier use",
                ab(),
                (t, v) -> {
                    Var y = t.tanh(v[0]);
                    Var z = t.mul(y, y);
                    Var r = t.add(y, t.tanh(v[1]));
                    return t.add(r, z);
                });
        check(
                "relu and addBias of intermediates",
                List.of(p("a", 3, 4, 1), p("bias", 1, 4, 2)),
                (t, v) -> {
                    Var y = t.tanh(v[0]);
                    return t.add(t.relu(t.addBias(y, v[1])), t.mul(y, y));
                });
        int[] idx = {2, 0, 2};
        check(
                "addGatheredRows of intermediates",
                List.of(p("base", 3, 4, 1), p("x", 3, 4, 2)),
                (t, v) -> {
                    Var x = t.tanh(v[1]);
                    return t.mul(t.addGatheredRows(t.tanh(v[0]), x, idx), x);
                });
    }

    private static List<Param> ab() {
        return List.of(p("a", 3, 4, 1), p("b", 3, 4, 2));
    }

    @Test
    void reluPassesTheGradientExactlyWhereItsInputIsPositive() {
        float[] x = {
            -2f, -Float.MIN_VALUE, 0f, -0f, 1e-38f, 1e-30f, 3f, 1e15f
        }; // 1e-38: subnormal gradient
        Param a = new Param("a", new Tensor(1, x.length, x.clone()));
        Tape t = Tape.training();
        Var out = t.relu(t.param(a));
        t.backward(t.maskedMse(out, Tensor.zeros(1, x.length), null));
        for (int i = 0; i < x.length; i++) {
            float expected = x[i] > 0f ? 2f * x[i] / x.length : 0f;
            assertEquals(Math.max(x[i], 0f), out.value.data[i], 0f, "value at " + x[i]);
            assertEquals(expected, a.grad.data[i], Math.abs(expected) * 1e-6f, "grad at " + x[i]);
            assertTrue((x[i] > 0f) == (a.grad.data[i] != 0f), "gradient passes at " + x[i]);
        }
    }
}
