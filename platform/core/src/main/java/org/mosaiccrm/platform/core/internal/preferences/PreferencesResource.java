package org.mosaiccrm.platform.core.internal.preferences;

import java.util.List;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.rest.ApiAnswer;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code /api/v1/me/preferences/{key}}: small JSON values a page keeps for the signed-in user
 * (a list's columns and page size, say), stored on the server so that they follow the user
 * from browser to browser. Only the user reads and writes their own; a key is
 * {@code [a-z0-9._-]}, at most 100 characters (a page names it after itself:
 * {@code list.contacts.people}); a value is any JSON of at most {@link #MAX_CHARS} characters
 * (413 beyond), at most {@link #MAX_KEYS} keys a user (409 beyond). Nothing here is a record
 * or a permission, so changes are not audited.
 */
@Component(service = PreferencesResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("me/preferences")
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    static final int MAX_CHARS = 16_384;
    static final int MAX_KEYS = 200;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    /** The preference table must exist first. */
    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    /** The keys the user has kept something under. */
    @GET
    @ApiAnswer(String[].class)
    public List<String> keys() {
        UserPrincipal user = access.currentUser();
        return persistence.read(ctx -> Sql.rows(ctx, "SELECT PREF_KEY FROM MOSAIC_USER_PREFERENCE WHERE USER_ID = ? ORDER BY PREF_KEY",
                user.id()).stream().map(r -> Sql.str(r, "PREF_KEY")).toList());
    }

    /** The value kept under the key; 404 when there is none. */
    @GET
    @Path("{key}")
    @ApiAnswer(Object.class)
    public Response get(@PathParam("key") String key) {
        UserPrincipal user = access.currentUser();
        requireKey(key);
        DataRow row = persistence.read(ctx -> Sql.row(ctx, "SELECT PREF_VALUE FROM MOSAIC_USER_PREFERENCE WHERE USER_ID = ? AND PREF_KEY = ?",
                user.id(), key));
        if (row == null) {
            throw Problems.notFound("You have kept nothing under " + key + ".");
        }
        return Response.ok(parse(Sql.str(row, "PREF_VALUE"))).build();
    }

    /** Keeps the body (any JSON value) under the key, replacing what was there; answers it back. */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiAnswer(Object.class)
    public Response put(@PathParam("key") String key, Object value) {
        UserPrincipal user = access.currentUser();
        requireKey(key);
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw Problems.badRequest("The preference is not JSON.");
        }
        if (json.length() > MAX_CHARS) {
            throw Problems.of(413, "payload-too-large", "Preference too large",
                    "A preference holds at most " + MAX_CHARS + " characters of JSON; this one has " + json.length() + ".");
        }
        persistence.write(ctx -> {
            keep(ctx, user.id(), key, json);
            return null;
        });
        return Response.ok(parse(json)).build();
    }

    /** Keeps the JSON under the user's key, replacing what was there; 409 when it would be a key beyond {@link #MAX_KEYS}. */
    public static void keep(ObjectContext ctx, String userId, String key, String json) {
        java.sql.Timestamp now = Sql.ts(Sql.now());
        if (Sql.exec(ctx, "UPDATE MOSAIC_USER_PREFERENCE SET PREF_VALUE = ?, UPDATED_AT = ? WHERE USER_ID = ? AND PREF_KEY = ?",
                json, now, userId, key) == 0) {
            if (Sql.count(ctx, "SELECT COUNT(*) FROM MOSAIC_USER_PREFERENCE WHERE USER_ID = ?", userId) >= MAX_KEYS) {
                throw Problems.conflict("You keep " + MAX_KEYS + " preferences already, the most one user may; delete some first.");
            }
            Sql.exec(ctx, "INSERT INTO MOSAIC_USER_PREFERENCE (USER_ID, PREF_KEY, PREF_VALUE, UPDATED_AT) VALUES (?, ?, ?, ?)",
                    userId, key, json, now);
        }
    }

    /** The stored JSON as a value the API's JSON writer writes back as it was. */
    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored preference is not JSON", e);
        }
    }

    /** Forgets the key (the page's defaults apply again); 204 whether or not there was something. */
    @DELETE
    @Path("{key}")
    @ApiAnswer(status = 204)
    public Response delete(@PathParam("key") String key) {
        UserPrincipal user = access.currentUser();
        requireKey(key);
        persistence.write(ctx -> Sql.exec(ctx, "DELETE FROM MOSAIC_USER_PREFERENCE WHERE USER_ID = ? AND PREF_KEY = ?", user.id(), key));
        return Response.noContent().build();
    }

    private static void requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw Problems.invalid("key", "must be 1 to 100 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }
}
