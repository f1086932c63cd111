package org.mosaiccrm.platform.api.rest;

/**
 * Names that tie a module's JAX-RS resources and extensions to the one Mosaic application.
 * A module resource is a DS component with
 * {@code @JaxrsResource @JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT) @Path("<module>")}.
 */
public final class MosaicApi {

    /** {@code osgi.jaxrs.name} of the Mosaic application. */
    public static final String APPLICATION_NAME = "mosaic";

    /** Target filter for {@code osgi.jaxrs.application.select}. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";

    /** Path of the application below the HTTP root. */
    public static final String BASE_PATH = "/api/v1";

    public static final String PROBLEM_JSON = "application/problem+json";

    public static final javax.ws.rs.core.MediaType PROBLEM_JSON_TYPE = new javax.ws.rs.core.MediaType("application", "problem+json");

    private MosaicApi() {
    }
}
