package io.physcast.model.padgn;

/** Whether a recurrent state tensor has one row per node or one per edge. */
public enum StateKind {
    NODE,
    EDGE
}
