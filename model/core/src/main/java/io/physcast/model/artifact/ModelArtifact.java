package io.physcast.model.artifact;

import io.physcast.model.autodiff.Param;
import io.physcast.model.data.Normalisation;
import io.physcast.model.padgn.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained model as one value: network spec and parameters, per-station normalisation (with a
 * pooled fallback for stations the model has not seen), a version string and provenance. Written
 * and read by {@link ModelArtifactFile}.
 *
 * @param version identifies these exact parameters (model name, hash of the parameters)
 * @param stations station ids in the order of the normalisation arrays
 * @param fallback normalisation for a station not in {@code stations} (one entry)
 */
public record ModelArtifact(
        String version,
        ModelSpec spec,
        StepModel model,
        List<String> stations,
        Normalisation normalisation,
        Normalisation fallback,
        Provenance provenance) {

    /** Provenance setting that marks a model file for any network ({@link #ONLINE}). */
    public static final String NORMALISATION = "normalisation";

    public static final String ONLINE = "online";

    public ModelArtifact {
        if (stations.size() != normalisation.nodes()) {
            throw new IllegalArgumentException("one normalisation entry per station needed");
        }
        if (fallback.nodes() != 1) {
            throw new IllegalArgumentException("fallback normalisation has one entry");
        }
    }

    /**
     * A model file without station statistics, meant for networks it has never seen: the user (the
     * streaming job) fits each network's normalisation from that network's first frames.
     */
    public boolean calibratesOnline() {
        return stations.isEmpty()
                && provenance != null
                && provenance.settings() != null
                && ONLINE.equals(provenance.settings().get(NORMALISATION));
    }

    /** Normalisation for stations in the given order; unknown ones get the fallback. */
    public Normalisation normalisationFor(List<String> ids) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < stations.size(); i++) {
            index.put(stations.get(i), i);
        }
        float[] mean = new float[ids.size()];
        float[] std = new float[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            Integer j = index.get(ids.get(i));
            mean[i] = j == null ? fallback.mean()[0] : normalisation.mean()[j];
            std[i] = j == null ? fallback.std()[0] : normalisation.std()[j];
        }
        return new Normalisation(mean, std);
    }

    /** An artifact whose version is derived from the model name and its parameters. */
    public static ModelArtifact of(
            ModelSpec spec,
            StepModel model,
            List<String> stations,
            Normalisation normalisation,
            Normalisation fallback,
            Provenance provenance) {
        String hash = ParamCodec.sha256(ParamCodec.encode(params(model)));
        String version = spec.model() + "-" + hash.substring(0, 12);
        return new ModelArtifact(
                version, spec, model, stations, normalisation, fallback, provenance);
    }

    /**
     * An artifact for no particular stations: every station gets the one normalisation given
     * (untrained models for tests and benchmarks, meta-initialised models).
     */
    public static ModelArtifact forAnyStations(
            ModelSpec spec, StepModel model, float mean, float std, Provenance provenance) {
        return of(
                spec,
                model,
                List.of(),
                new Normalisation(new float[0], new float[0]),
                new Normalisation(new float[] {mean}, new float[] {std}),
                provenance);
    }

    static List<Param> params(StepModel model) {
        return new ArrayList<>(model.params().all());
    }
}
