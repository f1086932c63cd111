package org.mosaiccrm.platform.api.notifications;

import org.apache.cayenne.ObjectContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends in-app notifications; users read theirs at {@code GET /api/v1/notifications}. Email
 * delivery joins when the platform can send mail.
 */
@ProviderType
public interface Notifications {

    /**
     * Notifies the user inside the caller's transaction (so that a notification exists if
     * and only if the change that caused it was committed).
     *
     * @param link the page of what the notification is about, a path of the web shell such as
     *     {@code /contacts/people/<id>}: the shell opens it when the user clicks the notification
     */
    void notify(ObjectContext ctx, String userId, String title, String body, String link);

    /**
     * {@link #notify} with the title and body in the user's language: message keys of the UI
     * messages ({@code campaigns.notify.interested}) with their {@code {name}} placeholders
     * filled from {@code params}. The body key may be null (no body).
     *
     * @since 1.1
     */
    void notifyInLanguage(ObjectContext ctx, String userId, String titleKey, String bodyKey, java.util.Map<String, ?> params, String link);
}
