package org.mosaiccrm.platform.api.security;

/**
 * A customer signed in to the portal: not a staff user. They stand for one person of the CRM
 * ({@code personId}) and sign in with their mail address. {@code csrfToken} is set for browser
 * sessions (the portal page sends it back on every change), null for a bearer token.
 *
 * @since 1.6
 */
public record PortalCustomer(String accountId, String personId, String email, String csrfToken) {
}
