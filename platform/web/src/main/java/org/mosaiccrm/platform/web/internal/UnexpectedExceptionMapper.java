package org.mosaiccrm.platform.web.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;

@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof javax.ws.rs.WebApplicationException wae) {
            return ProblemMappers.fromWebApplicationException(wae);
        }
        return ProblemMappers.unexpectedOrProblem(exception);
    }
}
