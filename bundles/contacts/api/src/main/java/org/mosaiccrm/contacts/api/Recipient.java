package org.mosaiccrm.contacts.api;

/**
 * A person as a mail to them needs them: the address, the names a message greets them by, their
 * organization's name and the user who owns them (whom follow-up work goes to). Fields the
 * person lacks are null.
 *
 * @since 1.2
 */
public record Recipient(String personId, String email, String firstName, String lastName, String jobTitle, String organizationName,
        String ownerId) {
}
