package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.cayenne.DataRow;
import org.mosaiccrm.platform.api.events.RecordEvents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Audits every committed record change of every module, from the events the persistence
 * layer posts after commit: who, when, which record, which fields and their values before
 * and after.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + RecordEvents.TOPIC_ROOT + "/*")
public class RecordAuditHandler implements EventHandler {

    @Reference
    private AuditLogImpl audit;

    @Reference
    private SecurityStore store;

    @Override
    public void handleEvent(Event event) {
        String actorId = (String) event.getProperty(RecordEvents.ACTOR);
        Map<String, Object> detail = new LinkedHashMap<>();
        Object fields = event.getProperty(RecordEvents.CHANGED_FIELDS);
        if (fields instanceof String[] names && names.length > 0) {
            detail.put("fields", List.of(names));
        }
        Object changes = event.getProperty(RecordEvents.CHANGES);
        if (changes instanceof Map<?, ?> values && !values.isEmpty()) {
            detail.put("changes", values);
        }
        String target = event.getProperty(RecordEvents.MODULE) + "/" + event.getProperty(RecordEvents.TYPE) + "/"
                + event.getProperty(RecordEvents.ID);
        String action = event.getProperty(RecordEvents.MODULE) + "." + event.getProperty(RecordEvents.TYPE) + "."
                + String.valueOf(event.getProperty(RecordEvents.CHANGE)).toLowerCase(java.util.Locale.ROOT);
        store.persistence().write(ctx -> {
            String actor = AuditLogImpl.SYSTEM;
            if (actorId != null) {
                DataRow user = Sql.row(ctx, "SELECT USERNAME FROM SEC_USER WHERE ID = ?", actorId);
                actor = user == null ? actorId : Sql.str(user, "USERNAME");
            }
            audit.write(ctx, actor, action, target, detail, null);
            return null;
        });
    }
}
