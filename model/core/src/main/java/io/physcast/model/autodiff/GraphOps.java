package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/**
 * Graph ops: node rows gathered onto edges, edge rows scattered back onto nodes, fixed sparse
 * operators: the implementations behind {@link Tape}'s methods of this family.
 */
final class GraphOps {
    private GraphOps() {}

    static Var gatherRows(Tape t, Var a, int[] index) {
        int c = a.cols();
        float[] x = a.value.data;
        float[] o = t.output(index.length * c);
        for (int e = 0; e < index.length; e++) {
            System.arraycopy(x, index[e] * c, o, e * c, c);
        }
        Var r = t.result(new Tensor(index.length, c, o), a);
        t.onBackward(r, () -> addRowsAt(r.grad.data, index, c, a.gradData()));
        return r;
    }

    static Var addGatheredRows(Tape t, Var base, Var x, int[] index) {
        int c = base.cols();
        Tape.check(x.cols() == c && base.rows() == index.length, "addGatheredRows", base, x);
        float[] b = base.value.data;
        float[] xs = x.value.data;
        float[] o = t.output(b.length);
        for (int e = 0; e < index.length; e++) {
            int s = index[e] * c;
            int d = e * c;
            for (int j = 0; j < c; j++) {
                o[d + j] = b[d + j] + xs[s + j];
            }
        }
        Var r = t.result(new Tensor(index.length, c, o), base, x);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    if (x.needsGrad) {
                        addRowsAt(g, index, c, x.gradData());
                    }
                    if (base.needsGrad) {
                        base.accumulateSpent(g);
                    }
                });
        return r;
    }

    /** {@code into[index[e]] += g[e]} for each row e of {@code g} (C columns). */
    private static void addRowsAt(float[] g, int[] index, int c, float[] into) {
        for (int e = 0; e < index.length; e++) {
            int s = index[e] * c;
            int d = e * c;
            for (int j = 0; j < c; j++) {
                into[s + j] += g[d + j];
            }
        }
    }

    static Var scatterAddRows(Tape t, Var a, int[] index, int n) {
        Tape.check(a.rows() == index.length, "scatterAddRows", a, a);
        int c = a.cols();
        float[] x = a.value.data;
        float[] o = t.zeroOutput(n * c);
        for (int e = 0; e < index.length; e++) {
            int d = index[e] * c;
            int s = e * c;
            for (int j = 0; j < c; j++) {
                o[d + j] += x[s + j];
            }
        }
        Var r = t.result(new Tensor(n, c, o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int e = 0; e < index.length; e++) {
                        int s = index[e] * c;
                        int d = e * c;
                        for (int j = 0; j < c; j++) {
                            ga[d + j] += g[s + j];
                        }
                    }
                });
        return r;
    }

    static Var sparse(Tape t, Var f, io.physcast.model.operators.SparseOperator op) {
        Tape.check(f.cols() == 1, "sparse", f, f);
        Var r = t.result(Tensor.column(op.apply(f.value.data)), f);
        t.onBackward(r, () -> op.applyTransposeAdd(r.grad.data, f.gradData()));
        return r;
    }
}
