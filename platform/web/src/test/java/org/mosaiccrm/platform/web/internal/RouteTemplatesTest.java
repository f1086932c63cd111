package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.ws.rs.GET;
import javax.ws.rs.Path;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    @Path("contacts/people/")
    static class People {
        @GET
        @Path("/{id}/timeline")
        public String timeline() {
            return "";
        }

        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("{id: [0-9a-f-]{36}}")
        public String one() {
            return "";
        }
    }

    @Test
    void theRouteIsTheTemplateNeverThePath() throws Exception {
        assertEquals("/api/v1/contacts/people/{id}/timeline", RouteTemplates.template(People.class, People.class.getMethod("timeline")));
        assertEquals("/api/v1/contacts/people", RouteTemplates.template(People.class, People.class.getMethod("list")));
        assertEquals("/api/v1/contacts/people/{id}", RouteTemplates.template(People.class, People.class.getMethod("one")));
    }
}
