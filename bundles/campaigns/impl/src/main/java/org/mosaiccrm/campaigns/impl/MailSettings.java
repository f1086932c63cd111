package org.mosaiccrm.campaigns.impl;

import org.apache.cayenne.exp.property.NumericProperty;
import org.apache.cayenne.exp.property.PropertyFactory;
import org.apache.cayenne.exp.property.StringProperty;
import org.mosaiccrm.platform.api.persistence.MosaicRecord;

/** The campaign sender's mail settings (table CA_MAIL_SETTINGS, one row): SMTP and IMAP accounts, rate and public address. The passwords are write-only: views never carry them. */
public class MailSettings extends MosaicRecord {

    private static final long serialVersionUID = 1L;

    public static final StringProperty<String> SMTP_HOST = PropertyFactory.createString("smtpHost", String.class);
    public static final NumericProperty<Integer> SMTP_PORT = PropertyFactory.createNumeric("smtpPort", Integer.class);
    public static final StringProperty<String> SMTP_SECURITY = PropertyFactory.createString("smtpSecurity", String.class);
    public static final StringProperty<String> SMTP_USER = PropertyFactory.createString("smtpUser", String.class);
    public static final StringProperty<String> SMTP_PASSWORD = PropertyFactory.createString("smtpPassword", String.class);
    public static final StringProperty<String> FROM_ADDRESS = PropertyFactory.createString("fromAddress", String.class);
    public static final StringProperty<String> FROM_NAME = PropertyFactory.createString("fromName", String.class);
    public static final StringProperty<String> REPLY_TO = PropertyFactory.createString("replyTo", String.class);
    public static final StringProperty<String> IMAP_HOST = PropertyFactory.createString("imapHost", String.class);
    public static final NumericProperty<Integer> IMAP_PORT = PropertyFactory.createNumeric("imapPort", Integer.class);
    public static final StringProperty<String> IMAP_SECURITY = PropertyFactory.createString("imapSecurity", String.class);
    public static final StringProperty<String> IMAP_USER = PropertyFactory.createString("imapUser", String.class);
    public static final StringProperty<String> IMAP_PASSWORD = PropertyFactory.createString("imapPassword", String.class);
    public static final NumericProperty<Integer> RATE_PER_MINUTE = PropertyFactory.createNumeric("ratePerMinute", Integer.class);
    public static final StringProperty<String> PUBLIC_BASE_URL = PropertyFactory.createString("publicBaseUrl", String.class);

    public String getSmtpHost() {
        return (String) readProperty(SMTP_HOST.getName());
    }

    public void setSmtpHost(String value) {
        writeProperty(SMTP_HOST.getName(), value);
    }

    public Integer getSmtpPort() {
        return (Integer) readProperty(SMTP_PORT.getName());
    }

    public void setSmtpPort(Integer value) {
        writeProperty(SMTP_PORT.getName(), value);
    }

    public String getSmtpSecurity() {
        return (String) readProperty(SMTP_SECURITY.getName());
    }

    public void setSmtpSecurity(String value) {
        writeProperty(SMTP_SECURITY.getName(), value);
    }

    public String getSmtpUser() {
        return (String) readProperty(SMTP_USER.getName());
    }

    public void setSmtpUser(String value) {
        writeProperty(SMTP_USER.getName(), value);
    }

    public String getSmtpPassword() {
        return (String) readProperty(SMTP_PASSWORD.getName());
    }

    public void setSmtpPassword(String value) {
        writeProperty(SMTP_PASSWORD.getName(), value);
    }

    public String getFromAddress() {
        return (String) readProperty(FROM_ADDRESS.getName());
    }

    public void setFromAddress(String value) {
        writeProperty(FROM_ADDRESS.getName(), value);
    }

    public String getFromName() {
        return (String) readProperty(FROM_NAME.getName());
    }

    public void setFromName(String value) {
        writeProperty(FROM_NAME.getName(), value);
    }

    public String getReplyTo() {
        return (String) readProperty(REPLY_TO.getName());
    }

    public void setReplyTo(String value) {
        writeProperty(REPLY_TO.getName(), value);
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

    public Integer getRatePerMinute() {
        return (Integer) readProperty(RATE_PER_MINUTE.getName());
    }

    public void setRatePerMinute(Integer value) {
        writeProperty(RATE_PER_MINUTE.getName(), value);
    }

    public String getPublicBaseUrl() {
        return (String) readProperty(PUBLIC_BASE_URL.getName());
    }

    public void setPublicBaseUrl(String value) {
        writeProperty(PUBLIC_BASE_URL.getName(), value);
    }
}
