package org.mosaiccrm.contacts.impl;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.notifications.Notifications;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.spi.Job;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tells assignees about tasks that have fallen due: each due, open task gets one in-app
 * notification (in the assignee's language), marked on the task in the same transaction so a task is never announced
 * twice, even across nodes.
 */
@Component(service = Job.class)
public class ReminderJob implements Job {

    /** At most this many tasks a run, so that one run stays one short transaction. */
    static final int BATCH = 500;

    @Reference
    private Persistence persistence;

    @Reference
    private Notifications notifications;

    @Override
    public String id() {
        return "contacts.reminders";
    }

    @Override
    public Duration interval() {
        return Duration.ofSeconds(Long.getLong("mosaic.contacts.reminderSeconds", 30));
    }

    /** The page the notification opens: the record the task is about, where the task is listed and edited. */
    static String page(Task t) {
        return t.getPersonId() != null ? "/contacts/people/" + t.getPersonId() : "/contacts/organizations/" + t.getOrganizationId();
    }

    @Override
    public void run() {
        LocalDateTime now = Sql.now();
        persistence.write(ctx -> {
            List<Task> due = ObjectSelect.query(Task.class)
                    .where(Task.DONE.eq(false).andExp(Task.REMINDED_AT.isNull()).andExp(Task.DUE_AT.lte(now)))
                    .limit(BATCH).select(ctx);
            for (Task t : due) {
                notifications.notifyInLanguage(ctx, t.getAssigneeId(), "contacts.notify.taskDue", null, Map.of("title", t.getTitle()), page(t));
                t.setRemindedAt(now);
            }
            return due.size();
        });
    }
}
