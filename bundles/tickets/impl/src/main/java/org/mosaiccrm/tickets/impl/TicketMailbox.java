package org.mosaiccrm.tickets.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/**
 * A queue's mailbox (table TK_MAILBOX): the address customers write to and the IMAP account its
 * mail is read from. The password is write-only: views never carry it.
 */
public class TicketMailbox extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> QUEUE_ID = PropertyFactory.createString("queueId", String.class);
    public static final StringProperty<String> ADDRESS = PropertyFactory.createString("address", String.class);
    public static final StringProperty<String> IMAP_HOST = PropertyFactory.createString("imapHost", String.class);
    public static final NumericProperty<Integer> IMAP_PORT = PropertyFactory.createNumeric("imapPort", Integer.class);
    public static final StringProperty<String> IMAP_SECURITY = PropertyFactory.createString("imapSecurity", String.class);
    public static final StringProperty<String> IMAP_USER = PropertyFactory.createString("imapUser", String.class);
    public static final StringProperty<String> IMAP_PASSWORD = PropertyFactory.createString("imapPassword", String.class);
    public static final StringProperty<String> FOLDER = PropertyFactory.createString("folder", String.class);

    public String getQueueId() {
        return (String) readProperty(QUEUE_ID.getName());
    }

    public void setQueueId(String value) {
        writeProperty(QUEUE_ID.getName(), value);
    }

    public String getAddress() {
        return (String) readProperty(ADDRESS.getName());
    }

    public void setAddress(String value) {
        writeProperty(ADDRESS.getName(), value);
    }

    public String getImapHost() {
        return (String) readProperty(IMAP_HOST.getName());
    }

    public void setImapHost(String value) {
        writeProperty(IMAP_HOST.getName(), value);
    }

    public Integer getImapPort() {
        return (Integer) readProperty(IMAP_PORT.getName());
    }

    public void setImapPort(Integer value) {
        writeProperty(IMAP_PORT.getName(), value);
    }

    public String getImapSecurity() {
        return (String) readProperty(IMAP_SECURITY.getName());
    }

    public void setImapSecurity(String value) {
        writeProperty(IMAP_SECURITY.getName(), value);
    }

    public String getImapUser() {
        return (String) readProperty(IMAP_USER.getName());
    }

    public void setImapUser(String value) {
        writeProperty(IMAP_USER.getName(), value);
    }

    public String getImapPassword() {
        return (String) readProperty(IMAP_PASSWORD.getName());
    }

    public void setImapPassword(String value) {
        writeProperty(IMAP_PASSWORD.getName(), value);
    }

    public String getFolder() {
        return (String) readProperty(FOLDER.getName());
    }

    public void setFolder(String value) {
        writeProperty(FOLDER.getName(), value);
    }

    /** The account its mail is read from. */
    org.mosaiccrm.platform.api.mail.ImapAccount account() {
        return new org.mosaiccrm.platform.api.mail.ImapAccount(getImapHost(), getImapPort(), getImapSecurity(), getImapUser(), getImapPassword(),
                getFolder());
    }

    /** The key of its high-water mark in the platform's {@link org.mosaiccrm.platform.api.mail.Inbox}. */
    String inboxKey() {
        return "tickets.mailbox:" + getId();
    }
}
