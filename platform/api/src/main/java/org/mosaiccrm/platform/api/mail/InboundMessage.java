package org.mosaiccrm.platform.api.mail;

import java.util.List;
import java.util.Locale;

/**
 * One message read from a mailbox, as a module handles it.
 *
 * @param messageId   its Message-ID with the angle brackets ({@code <a@b>}), or null when it has none
 * @param inReplyTo   the Message-IDs of its {@code In-Reply-To}, in order (usually one)
 * @param references  the Message-IDs of its {@code References}, oldest first
 * @param from        the sender's address, lower case, or null when none could be read
 * @param fromName    the sender's display name, or null
 * @param returnPath  the envelope sender ({@code Return-Path}) without brackets: empty for the null
 *                    sender {@code <>} of bounces and auto-replies, null when the header is absent
 * @param text        the body as plain text: its text/plain part, else its HTML turned to text
 *                    (scripts and markup removed); empty when it has neither
 * @param attachments the files it carries (their bytes only up to the size limit asked for)
 * @param automatic   why it was sent by a program rather than a person ({@link Automatic}), or null
 * @param report      the delivery status report (RFC 3464) it is, or null
 * @since 1.3
 */
public record InboundMessage(String messageId, List<String> inReplyTo, List<String> references, String from, String fromName,
        String returnPath, String subject, String text, List<InboundAttachment> attachments, Automatic automatic, DeliveryReport report) {

    /** What marks a message as sent by a program: it must never get an automatic answer. */
    public enum Automatic {
        /** {@code Auto-Submitted} other than {@code no} (RFC 3834). */
        AUTO_SUBMITTED,
        /** {@code Precedence: bulk}, {@code list}, {@code auto_reply} or {@code junk}. */
        PRECEDENCE,
        /** The null envelope sender {@code <>}. */
        NULL_RETURN_PATH,
        /** A delivery status report ({@code multipart/report}). */
        DELIVERY_REPORT
    }

    public InboundMessage {
        inReplyTo = List.copyOf(inReplyTo == null ? List.of() : inReplyTo);
        references = List.copyOf(references == null ? List.of() : references);
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        from = from == null ? null : from.toLowerCase(Locale.ROOT);
    }

    /** Whether a program sent it: never answer it automatically (no acknowledgment, no auto-reply). */
    public boolean isAutomatic() {
        return automatic != null;
    }

    /** The Message-IDs it answers, In-Reply-To first, then References newest first, each once. */
    public List<String> threadIds() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(inReplyTo);
        for (int i = references.size() - 1; i >= 0; i--) {
            ids.add(references.get(i));
        }
        return List.copyOf(ids);
    }
}
