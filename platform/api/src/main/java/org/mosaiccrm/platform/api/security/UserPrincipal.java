package org.mosaiccrm.platform.api.security;

import java.util.Set;

/**
 * The user a request runs for, as resolved from its session or token: who they are, their
 * team, their roles and the permissions those roles grant.
 */
public record UserPrincipal(String id, String username, String teamId, Set<String> roles, Set<String> permissions) {

    public static final String ADMIN_ROLE = "admin";

    public UserPrincipal {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /** Admins hold every permission; everyone else what their roles grant. */
    public boolean hasPermission(String permission) {
        return isAdmin() || permissions.contains(permission);
    }
}
