package org.mosaiccrm.platform.core.internal.notifications;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.i18n.Translations;
import org.mosaiccrm.platform.api.mail.Mail;
import org.mosaiccrm.platform.api.mail.Mailer;
import org.mosaiccrm.platform.api.notifications.Notifications;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.persistence.Sql;
import org.mosaiccrm.platform.api.security.AccessControl;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Notifications in the app, and by mail too for users who chose so ({@link #EMAIL_PREFERENCE})
 * and have an address: the mail is queued in the same transaction as the notification, in the
 * user's language, under a key made of the notification's id, so it goes once or not at all.
 */
@Component(service = Notifications.class)
public class NotificationsImpl implements Notifications {

    /** The user's preference (MOSAIC_USER_PREFERENCE, JSON true or false): also mail me my notifications. */
    static final String EMAIL_PREFERENCE = "notifications.email";

    /** The notification table must exist before anyone notifies. */
    @Reference(target = "(mosaic.data=platform)")
    private DataContribution coreData;

    @Reference
    private AccessControl access;

    // Mail is an addition: notifications work without the mail bundle or the shell's texts.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Translations translations;

    @Override
    public void notify(ObjectContext ctx, String userId, String title, String body, String link) {
        String id = RecordIds.newId();
        Sql.exec(ctx, "INSERT INTO MOSAIC_NOTIFICATION (ID, USER_ID, TITLE, BODY, LINK, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                id, userId, clip(title, 300), clip(body, 2000), clip(link, 300), Sql.ts(Sql.now()));
        mailIfChosen(ctx, id, userId, clip(title, 300), clip(body, 2000), link);
    }

    @Override
    public void notifyInLanguage(ObjectContext ctx, String userId, String titleKey, String bodyKey, java.util.Map<String, ?> params,
            String link) {
        Translations texts = translations;
        // Without the web shell (which holds the texts) the keys say what happened, if not in words.
        String language = texts == null ? null : texts.languageFor(userId, null);
        notify(ctx, userId, texts == null ? titleKey : texts.text(language, titleKey, params),
                bodyKey == null ? null : texts == null ? bodyKey : texts.text(language, bodyKey, params), link);
    }

    private void mailIfChosen(ObjectContext ctx, String id, String userId, String title, String body, String link) {
        Mailer mail = mailer;
        Translations texts = translations;
        if (mail == null || texts == null || !chosen(ctx, userId) || !mail.configured()) {
            return;
        }
        Optional<String> address = access.mailAddress(userId);
        if (address.isEmpty() || !Mail.isAddress(address.get())) {
            return;
        }
        String language = texts.languageFor(userId, null);
        String subject = clip(title == null ? "" : title.replaceAll("[\\r\\n\\t]+", " ").strip(), 200);
        if (subject.isEmpty()) {
            subject = texts.text(language, "mail.notification.subject", Map.of());
        }
        StringBuilder text = new StringBuilder(title == null ? "" : title).append("\n\n");
        if (body != null && !body.isBlank()) {
            text.append(body).append("\n\n");
        }
        URI publicUrl = mail.publicUrl();
        if (publicUrl != null && link != null && link.startsWith("/") && !link.startsWith("//")) {
            text.append(texts.text(language, "mail.notification.open", Map.of("link", publicUrl + link))).append("\n\n");
        }
        text.append("-- \n").append(texts.text(language, "mail.notification.footer", Map.of()));
        mail.queue(ctx, Mail.text("notification:" + id, address.get(), subject, text.append('\n').toString()));
    }

    /** Whether the user chose to get their notifications by mail too. */
    static boolean chosen(ObjectContext ctx, String userId) {
        DataRow r = Sql.row(ctx, "SELECT PREF_VALUE FROM MOSAIC_USER_PREFERENCE WHERE USER_ID = ? AND PREF_KEY = ?", userId, EMAIL_PREFERENCE);
        return r != null && "true".equals(Sql.str(r, "PREF_VALUE").strip());
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
