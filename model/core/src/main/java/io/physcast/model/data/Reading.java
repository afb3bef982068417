package io.physcast.model.data;

import java.time.Instant;

/** One accepted reading: station index (into the station list), event time, value. */
public record Reading(int station, Instant time, double value) {}
