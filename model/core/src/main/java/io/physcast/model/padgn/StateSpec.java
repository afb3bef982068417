package io.physcast.model.padgn;

/** One recurrent state tensor: rows per node or per edge, {@code cols} wide. */
public record StateSpec(StateKind kind, int cols) {
    public int rows(GraphInputs g) {
        return kind == StateKind.NODE ? g.nodes : g.edges;
    }
}
