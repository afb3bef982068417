package io.physcast.model.data;

import io.physcast.model.graph.GeoProjection;

/** A station: its id and position in degrees (validated). */
public record Station(String id, double lat, double lon) {
    public Station {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("station id is empty");
        }
        GeoProjection.validate(lat, lon);
    }
}
