package org.mosaiccrm.platform.core.internal.notifications;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.notifications.Notifications;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = Notifications.class)
public class NotificationsImpl implements Notifications {

    /** The notification table must exist before anyone notifies. */
    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    @Override
    public void notify(ObjectContext ctx, String userId, String title, String body, String link) {
        Sql.exec(ctx, "INSERT INTO MOSAIC_NOTIFICATION (ID, USER_ID, TITLE, BODY, LINK, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                RecordIds.newId(), userId, clip(title, 300), clip(body, 2000), clip(link, 300), Sql.ts(Sql.now()));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
