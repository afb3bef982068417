package io.physcast.model.padgn;

import io.physcast.model.autodiff.Tape;
import io.physcast.model.autodiff.Var;
import io.physcast.model.nn.Linear;
import io.physcast.model.nn.ParamSet;
import java.util.ArrayList;
import java.util.List;

/**
 * PA-DGN and its RGN variants: spatial features (learned by the SDL, or fixed operators, or none)
 * feed two recurrent GN blocks; the decoder output is the temporal difference, {@code f(t+1) = f(t)
 * + delta} (PA-DGN section 2.4).
 *
 * <p>Block 1 reads node features {@code [f, spatial node features]} and edge features {@code
 * [spatial edge features, edge geometry]}; block 2 reads block 1's outputs. The hidden graph state
 * (edge and node GRU states of both blocks) is the recurrent state the streaming operator keeps.
 * The temporal head (RGN blocks and decoder) and the spatial module have separate parameter name
 * prefixes ({@link #SPATIAL_PREFIX}) so the head can be adapted alone.
 */
public final class RecurrentGraphNetwork implements StepModel {
    public static final String SPATIAL_PREFIX = "sdl.";
    public static final String HEAD_PREFIX = "rgn.";

    /** The decoder's name: with its weights and bias zero, the network is persistence. */
    public static final String DECODER = "rgn.decoder";

    private final ParamSet params;
    private final SpatialFeatures features;
    private final SpatialDifferenceLayer sdl;
    private final RecurrentGnBlock block1;
    private final RecurrentGnBlock block2;
    private final Linear decoder;
    private final List<StateSpec> spec = new ArrayList<>();
    private final int block1States;

    /**
     * @param hidden GRU and MLP width (64 in the paper)
     * @param channels SDL channels S per order (16 in the reference's station model)
     */
    public RecurrentGraphNetwork(
            SpatialFeatures features, int hidden, int channels, int gruLayers, long seed) {
        this.params = new ParamSet(seed);
        this.features = features;
        int nodeIn;
        int edgeIn;
        switch (features) {
            case LEARNED -> {
                sdl = new SpatialDifferenceLayer(params, "sdl", hidden, channels);
                nodeIn = 1 + channels;
                edgeIn = channels + 3;
            }
            case STANDARD, MESH -> {
                sdl = null;
                nodeIn = 1 + 3; // f, fx, fy, lap
                edgeIn = 1 + 3; // f_j - f_i, geometry
            }
            default -> {
                sdl = null;
                nodeIn = 1;
                edgeIn = 3;
            }
        }
        block1 =
                new RecurrentGnBlock(
                        params, "rgn.b1", nodeIn, edgeIn, hidden, gruLayers, hidden, hidden);
        block2 =
                new RecurrentGnBlock(
                        params, "rgn.b2", hidden, hidden, hidden, gruLayers, hidden, hidden);
        decoder = new Linear(params, DECODER, hidden, 1);
        block1.addStateSpec(spec);
        block1States = spec.size();
        block2.addStateSpec(spec);
    }

    @Override
    public String name() {
        return features.modelName;
    }

    public SpatialFeatures features() {
        return features;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public List<StateSpec> stateSpec() {
        return spec;
    }

    @Override
    public Var step(Tape t, GraphInputs g, Var f, Var[] state) {
        Var geometry = t.fixed(g.edgeGeometry);
        Var nodeFeatures;
        Var edgeFeatures;
        switch (features) {
            case LEARNED -> {
                nodeFeatures = t.concatCols(f, sdl.laplacian(t, g, f));
                edgeFeatures = t.concatCols(sdl.gradient(t, g, f), geometry);
            }
            case STANDARD, MESH -> {
                GraphInputs.OperatorSet ops =
                        features == SpatialFeatures.STANDARD
                                ? g.standardOperators()
                                : g.meshOperators();
                nodeFeatures =
                        t.concatCols(
                                f,
                                t.sparse(f, ops.gx()),
                                t.sparse(f, ops.gy()),
                                t.sparse(f, ops.lap()));
                Var diff = t.sub(t.gatherRows(f, g.dst), t.gatherRows(f, g.src));
                edgeFeatures = t.concatCols(diff, geometry);
            }
            default -> {
                nodeFeatures = f;
                edgeFeatures = geometry;
            }
        }
        Var[] out1 = block1.step(t, g, nodeFeatures, edgeFeatures, state, 0);
        Var[] out2 = block2.step(t, g, t.relu(out1[1]), t.relu(out1[0]), state, block1States);
        Var delta = decoder.apply(t, t.relu(out2[1]));
        return t.add(f, delta);
    }
}
