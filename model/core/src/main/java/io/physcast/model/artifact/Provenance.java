package io.physcast.model.artifact;

import java.util.Map;

/**
 * Where a model came from (CONVENTIONS.md 8): the data it saw (file names and SHA-256), the
 * settings, when, and how training went.
 */
public record Provenance(
        String createdAt,
        Map<String, String> data,
        Map<String, Object> settings,
        Map<String, Object> training) {}
