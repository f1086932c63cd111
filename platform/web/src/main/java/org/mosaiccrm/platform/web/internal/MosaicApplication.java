package org.mosaiccrm.platform.web.internal;

import javax.ws.rs.core.Application;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application of Mosaic, at {@code /api/v1}. It has no resources of its own:
 * the platform's and every module's resources join it through the whiteboard, and leave it
 * when their bundle stops.
 */
@Component(service = Application.class)
@JaxrsName(MosaicApi.APPLICATION_NAME)
@JaxrsApplicationBase(MosaicApi.BASE_PATH)
public class MosaicApplication extends Application {
}
