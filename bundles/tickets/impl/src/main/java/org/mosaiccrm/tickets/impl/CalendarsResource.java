package org.mosaiccrm.tickets.impl;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.records.Records;
import org.mosaiccrm.platform.api.rest.FieldReader;
import org.mosaiccrm.platform.api.rest.MosaicApi;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/v1/tickets/calendars}: business-hours calendars, company-wide, kept by those with
 * {@code tickets.admin}: {@code {"name","timeZone","hours":{"monday":[{"from":"09:00","to":"17:00"}]},"holidays":["2026-12-25"]}}.
 * A calendar that an SLA policy uses cannot be deleted (409).
 */
@Component(service = CalendarsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(MosaicApi.APPLICATION_SELECT)
@Path("tickets/calendars")
@Produces(MediaType.APPLICATION_JSON)
public class CalendarsResource {

    static final Set<String> FIELDS = Set.of("name", "timeZone", "hours", "holidays", "version");

    public record CalendarView(String id, long version, String name, String timeZone, Map<String, List<Map<String, String>>> hours,
            List<String> holidays, boolean allDay) {

        static CalendarView of(TicketCalendar c) {
            BusinessCalendar cal = Calendars.of(c);
            return new CalendarView(c.getId(), c.getVersion(), c.getName(), c.getTimeZone(), Calendars.view(cal.week()),
                    cal.holidays().stream().sorted().map(LocalDate::toString).toList(), cal.isAllDay());
        }
    }

    @Reference
    private Persistence persistence;

    @Reference
    private AccessControl access;

    @GET
    public Map<String, List<CalendarView>> list() {
        access.requirePermission(TicketsModule.READ);
        return Map.of("items", persistence.read(ctx -> ObjectSelect.query(TicketCalendar.class).orderBy(TicketCalendar.NAME.asc())
                .select(ctx).stream().map(CalendarView::of).toList()));
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.READ);
        CalendarView view = persistence.read(ctx -> CalendarView.of(find(ctx, id)));
        return Records.ok(view.version(), view);
    }

    @POST
    public Response create(Map<String, Object> body, @Context UriInfo uri) {
        UserPrincipal user = access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "calendar");
        CalendarView created = CalendarView.of(persistence.write(ctx -> {
            TicketCalendar c = ctx.newObject(TicketCalendar.class);
            apply(in, c, true);
            access.assignOwnership(user, c, null, null);
            return c;
        }));
        return Records.created(uri, created.id(), created.version(), created);
    }

    /** Replaces the calendar; every open ticket on it gets its due times again from the time its clocks have used. */
    @PUT
    @Path("{id}")
    public Response replace(@PathParam("id") String id, Map<String, Object> body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requirePermission(TicketsModule.ADMIN);
        FieldReader in = FieldReader.of(body, FIELDS, "calendar");
        Long expected = in.expectedVersion(ifMatch);
        CalendarView updated = CalendarView.of(persistence.write(ctx -> {
            TicketCalendar c = find(ctx, id);
            c.requireVersion(expected);
            apply(in, c, true);
            TicketSla.recompute(ctx, ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.CALENDAR_ID.eq(id)).select(ctx));
            return c;
        }));
        return Records.ok(updated.version(), updated);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        access.requirePermission(TicketsModule.ADMIN);
        persistence.write(ctx -> {
            TicketCalendar c = find(ctx, id);
            long users = ObjectSelect.query(SlaPolicy.class).where(SlaPolicy.CALENDAR_ID.eq(id)).selectCount(ctx);
            if (users > 0) {
                throw Problems.conflict("The calendar is used by " + users + " SLA " + (users == 1 ? "policy" : "policies") + ".");
            }
            ctx.deleteObject(c);
            return null;
        });
        return Response.noContent().build();
    }

    static TicketCalendar find(ObjectContext ctx, String id) {
        return Setup.find(ctx, TicketCalendar.class, id, "calendar");
    }

    private static void apply(FieldReader in, TicketCalendar c, boolean whole) {
        String name = in.text("name", 200);
        if (name == null) {
            in.required("name");
        }
        ZoneId zone = Calendars.zone(in, in.text("timeZone", 60));
        Map<DayOfWeek, List<BusinessCalendar.Hours>> week = in.has("hours") ? Calendars.hours(in, in.raw("hours")) : null;
        if (!in.has("hours")) {
            in.required("hours");
        }
        List<LocalDate> holidays = Calendars.holidays(in, in.raw("holidays"));
        in.requireValid();
        BusinessCalendar calendar;
        try {
            calendar = new BusinessCalendar(zone, week, new java.util.HashSet<>(holidays));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("hours", e.getMessage());
        }
        c.setName(name);
        c.setTimeZone(zone.getId());
        c.setHoursJson(Calendars.json(Calendars.view(calendar.week())));
        c.setHolidaysJson(Calendars.json(holidays.stream().map(LocalDate::toString).toList()));
    }
}
