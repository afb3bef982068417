package io.physcast.model.experiments;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Linear;
import io.physcast.model.nn.ParamSet;
import io.physcast.model.padgn.GraphInputs;
import io.physcast.model.padgn.SpatialDifferenceLayer;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StateSpec;
import io.physcast.model.padgn.StepModel;
import java.util.List;

/**
 * The spatial modules of PA-DGN Table 2 with the same temporal head: {@code f(t+1) = f(t) + w . [f,
 * spatial features] + c}, a linear regression shared by all nodes. StandardOP and MeshOP give
 * {@code [f_x, f_y, Lap f]}; the SDL gives its learned Laplacian channels and its learned gradient
 * channels summed over each node's incoming edges (N x 2S). Only the spatial module differs, so the
 * table compares spatial derivative estimates, not temporal models.
 */
final class DerivativeRegression implements StepModel {
    private final ParamSet params;
    private final SpatialFeatures features;
    private final SpatialDifferenceLayer sdl;
    private final Linear head;

    DerivativeRegression(SpatialFeatures features, int hidden, int channels, long seed) {
        this.params = new ParamSet(seed);
        this.features = features;
        if (features == SpatialFeatures.LEARNED) {
            sdl = new SpatialDifferenceLayer(params, "sdl", hidden, channels);
            head = new Linear(params, "head", 1 + 2 * channels, 1).zeroWeights();
        } else if (features == SpatialFeatures.STANDARD || features == SpatialFeatures.MESH) {
            sdl = null;
            head = new Linear(params, "head", 4, 1).zeroWeights();
        } else {
            throw new IllegalArgumentException("needs spatial features, not " + features);
        }
    }

    @Override
    public String name() {
        return switch (features) {
            case STANDARD -> "StandardOP";
            case MESH -> "MeshOP";
            default -> "SDL";
        };
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public List<StateSpec> stateSpec() {
        return List.of();
    }

    @Override
    public Var step(Tape t, GraphInputs g, Var f, Var[] state) {
        Var x;
        if (sdl != null) {
            Var grad = t.scatterAddRows(sdl.gradient(t, g, f), g.dst, g.nodes); // N x S
            x = t.concatCols(f, grad, sdl.laplacian(t, g, f));
        } else {
            GraphInputs.OperatorSet ops =
                    features == SpatialFeatures.STANDARD
                            ? g.standardOperators()
                            : g.meshOperators();
            x =
                    t.concatCols(
                            f,
                            t.sparse(f, ops.gx()),
                            t.sparse(f, ops.gy()),
                            t.sparse(f, ops.lap()));
        }
        return t.add(f, head.apply(t, x));
    }
}
