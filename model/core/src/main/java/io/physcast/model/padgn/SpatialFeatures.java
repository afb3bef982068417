package io.physcast.model.padgn;

/** Which spatial derivative features feed the recurrent graph network. */
public enum SpatialFeatures {
    /** RGN: values and edge geometry only. */
    NONE("RGN"),
    /** RGN(StandardOP): plain graph gradient and Laplacian. */
    STANDARD("RGN(StandardOP)"),
    /** RGN(MeshOP): mesh gradient and cotangent Laplacian on the Delaunay triangulation. */
    MESH("RGN(MeshOP)"),
    /** PA-DGN: the learned Spatial Difference Layer. */
    LEARNED("PA-DGN");

    public final String modelName;

    SpatialFeatures(String modelName) {
        this.modelName = modelName;
    }
}
