package io.physcast.model.graph;

/**
 * Projects latitude/longitude (degrees) to a local plane in km around a reference point
 * (equirectangular). Errors stay well under 1% across a country-sized network, which is far below
 * the resolution a k-NN graph cares about.
 */
public final class GeoProjection {
    private static final double EARTH_RADIUS_KM = 6371.0;
    private final double lat0;
    private final double lon0;
    private final double cosLat0;

    public GeoProjection(double lat0, double lon0) {
        validate(lat0, lon0);
        this.lat0 = lat0;
        this.lon0 = lon0;
        this.cosLat0 = Math.cos(Math.toRadians(lat0));
    }

    /** A projection centred on the mean of the given coordinates. */
    public static GeoProjection centredOn(double[] lat, double[] lon) {
        double sLat = 0;
        double sLon = 0;
        for (int i = 0; i < lat.length; i++) {
            validate(lat[i], lon[i]);
            sLat += lat[i];
            sLon += lon[i];
        }
        return new GeoProjection(sLat / lat.length, sLon / lon.length);
    }

    public static void validate(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException(
                    "impossible coordinates: lat " + lat + ", lon " + lon);
        }
    }

    /**
     * @return {x km east, y km north}
     */
    public double[] project(double lat, double lon) {
        validate(lat, lon);
        double x = Math.toRadians(lon - lon0) * cosLat0 * EARTH_RADIUS_KM;
        double y = Math.toRadians(lat - lat0) * EARTH_RADIUS_KM;
        return new double[] {x, y};
    }
}
