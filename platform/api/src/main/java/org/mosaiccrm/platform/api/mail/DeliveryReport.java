package org.mosaiccrm.platform.api.mail;

import java.util.List;

/**
 * A delivery status notification (RFC 3464): a mail server saying what became of a message sent
 * earlier, per recipient.
 *
 * @param originalMessageId the Message-ID of the message it reports on (from the returned message or
 *                          its headers), or null when the report does not say
 * @param recipients        one status per recipient reported on
 * @since 1.3
 */
public record DeliveryReport(String originalMessageId, List<Recipient> recipients) {

    public DeliveryReport {
        recipients = List.copyOf(recipients == null ? List.of() : recipients);
    }

    /**
     * One recipient's fields of the report.
     *
     * @param finalRecipient the address (the {@code rfc822;} type removed), lower case
     * @param action         {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}
     * @param status         the enhanced status code, {@code 5.1.1} say
     * @param diagnosticCode the remote server's own words, or null
     */
    public record Recipient(String finalRecipient, String action, String status, String diagnosticCode) {

        /** Failed for good: a 5.x.x status (or a failure without a status). The address should not be mailed again. */
        public boolean hard() {
            return "failed".equals(action) && (status == null || status.startsWith("5"));
        }

        /** Failed for now or delayed: a 4.x.x status. */
        public boolean soft() {
            return !hard() && ("failed".equals(action) || "delayed".equals(action)) && (status == null || status.startsWith("4"));
        }

        /** What a person reads: the status and the server's words. */
        public String reason() {
            String s = (status == null ? action : status) + (diagnosticCode == null ? "" : " " + diagnosticCode);
            return s.length() > 500 ? s.substring(0, 500) : s;
        }
    }
}
