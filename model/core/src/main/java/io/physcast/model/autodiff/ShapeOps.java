package io.physcast.model.autodiff;

import io.physcast.model.tensor.Tensor;

/**
 * Column and row concatenation and slicing: the implementations behind {@link Tape}'s methods of
 * this family.
 */
final class ShapeOps {
    private ShapeOps() {}

    static Var concatCols(Tape t, Var... parts) {
        int rows = parts[0].rows();
        int total = 0;
        for (Var p : parts) {
            Tape.check(p.rows() == rows, "concatCols", parts[0], p);
            total += p.cols();
        }
        float[] o = t.output(rows * total);
        int off = 0;
        for (Var p : parts) {
            int c = p.cols();
            float[] x = p.value.data;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, i * c, o, i * total + off, c);
            }
            off += c;
        }
        Var r = t.result(new Tensor(rows, total, o), parts);
        final int width = total;
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    int start = 0;
                    for (Var p : parts) {
                        int c = p.cols();
                        if (p.needsGrad) {
                            float[] gp = p.gradData();
                            for (int i = 0; i < rows; i++) {
                                int src = i * width + start;
                                int dst = i * c;
                                for (int j = 0; j < c; j++) {
                                    gp[dst + j] += g[src + j];
                                }
                            }
                        }
                        start += c;
                    }
                });
        return r;
    }

    static Var sliceCols(Tape t, Var a, int from, int to) {
        int c = a.cols();
        int w = to - from;
        int rows = a.rows();
        float[] x = a.value.data;
        float[] o = t.output(rows * w);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(x, i * c + from, o, i * w, w);
        }
        Var r = t.result(new Tensor(rows, w, o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < w; j++) {
                            ga[i * c + from + j] += g[i * w + j];
                        }
                    }
                });
        return r;
    }

    static Var sliceRows(Tape t, Var a, int from, int to) {
        int c = a.cols();
        float[] o = t.output((to - from) * c);
        System.arraycopy(a.value.data, from * c, o, 0, o.length);
        Var r = t.result(new Tensor(to - from, c, o), a);
        t.onBackward(
                r,
                () -> {
                    float[] g = r.grad.data;
                    float[] ga = a.gradData();
                    for (int i = 0; i < g.length; i++) {
                        ga[from * c + i] += g[i];
                    }
                });
        return r;
    }
}
