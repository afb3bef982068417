package io.physcast.model.experiments;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Mlp;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.CoefficientNetwork;
import io.physcast.model.padgn.SpatialDifferenceLayer;
import io.physcast.model.tensor.Tensor;

/**
 * The five estimators of directional derivatives compared in PA-DGN Table 1. Each maps a sample's
 * values on a graph to one number per edge.
 */
public abstract class EdgeDerivativeModel {
    protected final ParamSet params;
    private final String name;

    protected EdgeDerivativeModel(String name, long seed) {
        this.name = name;
        this.params = new ParamSet(seed);
    }

    public String name() {
        return name;
    }

    public ParamSet params() {
        return params;
    }

    public abstract Var predict(Tape t, DerivativeSample s);

    public static EdgeDerivativeModel create(String name, int hidden, long seed) {
        return switch (name) {
            case "FinGrad" -> new FinGrad();
            case "MLP" -> new EdgeMlp(hidden, seed);
            case "GN" -> new GraphNet(hidden, seed);
            case "One-w" -> new OneWeight(hidden, seed);
            case "SDL" -> new Sdl(hidden, seed);
            default -> throw new IllegalArgumentException("unknown model " + name);
        };
    }

    public static final String[] NAMES = {"FinGrad", "MLP", "GN", "One-w", "SDL"};

    /** {@code (f_j - f_i) / |x_j - x_i|}: no parameters, two points. */
    static final class FinGrad extends EdgeDerivativeModel {
        FinGrad() {
            super("FinGrad", 0);
        }

        @Override
        public Var predict(Tape t, DerivativeSample s) {
            Tensor f = s.values();
            int[] src = s.graph().src;
            int[] dst = s.graph().dst;
            float[] out = new float[src.length];
            for (int e = 0; e < out.length; e++) {
                out[e] = (f.data[dst[e]] - f.data[src[e]]) / s.lengths().data[e];
            }
            return t.constant(Tensor.column(out));
        }
    }

    /** An MLP on {@code (f_i, f_j, x_i, x_j)} per edge. */
    static final class EdgeMlp extends EdgeDerivativeModel {
        private final Mlp mlp;

        EdgeMlp(int hidden, long seed) {
            super("MLP", seed);
            mlp = new Mlp(params, "mlp", 6, hidden, hidden, 1);
        }

        @Override
        public Var predict(Tape t, DerivativeSample s) {
            Var f = t.constant(s.standardised());
            Var p = t.constant(s.graph().positions);
            int[] src = s.graph().src;
            int[] dst = s.graph().dst;
            return mlp.apply(
                    t,
                    t.concatCols(
                            t.gatherRows(f, src),
                            t.gatherRows(f, dst),
                            t.gatherRows(p, src),
                            t.gatherRows(p, dst)));
        }
    }

    /** A graph network whose edge output is the prediction. */
    static final class GraphNet extends EdgeDerivativeModel {
        private final CoefficientNetwork gn;

        GraphNet(int hidden, long seed) {
            super("GN", seed);
            gn = new CoefficientNetwork(params, "gn", hidden, 1);
        }

        @Override
        public Var predict(Tape t, DerivativeSample s) {
            return gn.apply(t, s.graph(), t.constant(s.standardised()));
        }
    }

    /** {@code w_ij f_j - f_i} with w from a graph network. */
    static final class OneWeight extends EdgeDerivativeModel {
        private final CoefficientNetwork gn;

        OneWeight(int hidden, long seed) {
            super("One-w", seed);
            gn = new CoefficientNetwork(params, "onew", hidden, 1);
        }

        @Override
        public Var predict(Tape t, DerivativeSample s) {
            Var w = gn.apply(t, s.graph(), t.constant(s.standardised()));
            Var f = t.constant(s.values());
            // w starts near 1: w = 1 + output
            Var fj = t.gatherRows(f, s.graph().dst);
            return t.sub(t.add(t.mul(w, fj), fj), t.gatherRows(f, s.graph().src));
        }
    }

    /** The Spatial Difference Layer with one channel: {@code a_ij (f_j - b_ij f_i)}. */
    static final class Sdl extends EdgeDerivativeModel {
        private final SpatialDifferenceLayer sdl;

        Sdl(int hidden, long seed) {
            super("SDL", seed);
            sdl = new SpatialDifferenceLayer(params, "sdl", hidden, 1);
        }

        @Override
        public Var predict(Tape t, DerivativeSample s) {
            // the layer works per mean edge length; labels are per unit length
            Var perEdgeLength =
                    sdl.gradient(
                            t, s.graph(), t.constant(s.values()), t.constant(s.standardised()));
            return t.scale(perEdgeLength, (float) (1 / s.graph().lengthScale));
        }
    }
}
