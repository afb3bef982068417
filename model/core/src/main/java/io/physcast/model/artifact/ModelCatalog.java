package io.physcast.model.artifact;

import io.physcast.model.baselines.NodeGru;
import io.physcast.model.baselines.NodeMlp;
import io.physcast.model.baselines.Persistence;
import io.physcast.model.baselines.VectorAutoregression;
import io.physcast.model.padgn.RecurrentGraphNetwork;
import io.physcast.model.padgn.SpatialFeatures;
import io.physcast.model.padgn.StepModel;
import java.util.List;

/** Every model of the paper's comparisons by name (DESIGN.md section 2, "Baselines"). */
public final class ModelCatalog {
    public static final List<String> ALL =
            List.of(
                    "persistence",
                    "VAR",
                    "MLP",
                    "GRU",
                    "RGN",
                    "RGN(StandardOP)",
                    "RGN(MeshOP)",
                    "PA-DGN");

    /** SDL channels per derivative order (the reference's station model). */
    public static final int SDL_CHANNELS = 16;

    /** Layers of each GRU update function in the paper. */
    public static final int GRU_LAYERS = 2;

    private ModelCatalog() {}

    /**
     * @param hidden GRU and MLP width
     * @param gruLayers layers of each GRU update function
     */
    public static StepModel create(String name, int hidden, int gruLayers, long seed) {
        return switch (name) {
            case "persistence" -> new Persistence();
            case "VAR" -> new VectorAutoregression(seed);
            case "MLP" -> new NodeMlp(hidden, seed);
            case "GRU" -> new NodeGru(hidden, gruLayers, seed);
            default -> graphNetwork(name, hidden, gruLayers, seed);
        };
    }

    private static StepModel graphNetwork(String name, int hidden, int gruLayers, long seed) {
        for (SpatialFeatures f : SpatialFeatures.values()) {
            if (f.modelName.equals(name)) {
                return new RecurrentGraphNetwork(f, hidden, SDL_CHANNELS, gruLayers, seed);
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; known: " + ALL);
    }
}
