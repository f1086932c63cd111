package org.mosaiccrm.platform.security.internal;

import org.mosaiccrm.platform.api.persistence.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.cayenne.DataRow;
import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.persistence.DatabaseKind;
import org.mosaiccrm.platform.api.persistence.Persistence;
import org.mosaiccrm.platform.api.persistence.RecordIds;
import org.mosaiccrm.platform.api.rest.Problems;
import org.mosaiccrm.platform.api.security.UserPrincipal;
import org.mosaiccrm.platform.spi.DataContribution;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security tables: users, teams, roles and their permissions, sessions and API tokens.
 * On the very first start it creates the first administrator, and nobody else.
 */
@Component(service = SecurityStore.class)
public class SecurityStore {

    static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
    static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);
    static final Duration API_TOKEN_LIFETIME = Duration.ofDays(365);
    /** Last-seen times are written at most this often, not on every request. */
    static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);
    private static final int ACCESS_CACHE_LIMIT = 10_000;
    /**
     * How long a session's row, read from the database, answers for it on this node while the
     * shared epoch stands still (a change on any node moves it: see {@link #change}); what the
     * idle timer and expiry need is checked against the clock on every request anyway.
     */
    static final Duration SESSION_CACHE_TTL = Duration.ofSeconds(1);
    private static final int SESSION_CACHE_LIMIT = 10_000;
    /** How long the shared epoch, once read, answers for this node (see {@link #sharedEpoch}). */
    static final Duration SHARED_EPOCH_TTL = Duration.ofMillis(250);
    private volatile SharedEpoch sharedEpoch;

    private static final Logger LOG = LoggerFactory.getLogger(SecurityStore.class);

    @Reference
    private Persistence persistence;

    /** The security schema must be migrated before anything here runs. */
    @Reference(target = "(mosaic.data=security)")
    private DataContribution securityData;

    private volatile Duration sessionIdle = DEFAULT_SESSION_IDLE;
    private volatile Duration sessionMax = DEFAULT_SESSION_MAX;

    /** Roles and permissions by user id; see {@link #accessOf}. Cleared when it grows past {@link #ACCESS_CACHE_LIMIT}. */
    private final Map<String, Access> access = new ConcurrentHashMap<>();
    /** Sessions by token hash, as read at most {@link #SESSION_CACHE_TTL} ago; see {@link #resolve}. */
    private final Map<String, Cached> sessions = new ConcurrentHashMap<>();
    /** Moved by every change to users, roles, teams, sessions or tokens made on this node; see {@link #change}. */
    private final java.util.concurrent.atomic.AtomicLong securityEpoch = new java.util.concurrent.atomic.AtomicLong();
    private final PasswordHasher hasher = new PasswordHasher();
    private final PasswordPolicy policy = new PasswordPolicy();

    @Activate
    void activate() {
        sessionIdle = duration("MOSAIC_SESSION_IDLE", DEFAULT_SESSION_IDLE);
        sessionMax = duration("MOSAIC_SESSION_MAX", DEFAULT_SESSION_MAX);
        bootstrapFirstAdministrator(System.getenv("MOSAIC_ADMIN_PASSWORD"),
                Path.of(System.getProperty("karaf.data", "data")));
    }

    /** A session timeout from the environment as an ISO-8601 duration (PT30M), or the default. */
    private static Duration duration(String variable, Duration fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        LOG.error("{}={} is not a positive ISO-8601 duration such as PT30M; using {}", variable, value, fallback);
        return fallback;
    }

    Duration sessionMax() {
        return sessionMax;
    }

    Duration sessionIdle() {
        return sessionIdle;
    }

    Persistence persistence() {
        return persistence;
    }

    PasswordPolicy policy() {
        return policy;
    }

    PasswordHasher hasher() {
        return hasher;
    }

    // ---------------------------------------------------------------- first administrator

    void bootstrapFirstAdministrator(String configured, Path dataFolder) {
        boolean created = persistence.write(ctx -> {
            if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER") > 0) {
                return false;
            }
            String password = configured;
            boolean generated = false;
            if (password == null || password.isBlank()) {
                password = Tokens.newPassword();
                generated = true;
            } else if (policy.check(password, "admin").isPresent()) {
                System.out.println("Mosaic: MOSAIC_ADMIN_PASSWORD is refused: it " + policy.check(password, "admin").get()
                        + ". A random password is generated instead.");
                password = Tokens.newPassword();
                generated = true;
            }
            String teamId = insertTeam(ctx, "Administrators");
            insertUser(ctx, "admin", null, password, teamId, List.of(SecurityData.ADMIN_ROLE_ID));
            if (generated) {
                announceGeneratedPassword(password, dataFolder);
            } else {
                System.out.println("Mosaic: first administrator 'admin' created with the password from MOSAIC_ADMIN_PASSWORD.");
            }
            return true;
        });
        if (created) {
            LOG.info("First administrator 'admin' created");
        }
    }

    private static void announceGeneratedPassword(String password, Path dataFolder) {
        Path file = dataFolder.resolve("admin-password.txt");
        try {
            Files.createDirectories(dataFolder);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, "admin\n" + password + "\n");
        } catch (IOException | UnsupportedOperationException e) {
            LOG.error("Could not store the generated administrator password in {}", file, e);
        }
        // Printed once, on the console of the first start; it is not written to the log.
        System.out.println("Mosaic: first administrator created. User: admin  Password: " + password);
        System.out.println("Mosaic: the password is also in " + file + " (readable by this account only). Change it after signing in.");
    }

    // ---------------------------------------------------------------- teams

    String insertTeam(ObjectContext ctx, String name) {
        String id = RecordIds.newId();
        LocalDateTime now = Sql.now();
        if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_TEAM WHERE NAME_KEY = ?", key(name)) > 0) {
            throw Problems.conflict("A team named '" + name + "' exists already.");
        }
        Sql.exec(ctx, "INSERT INTO SEC_TEAM (ID, NAME, NAME_KEY, VERSION, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, 1, ?, ?)",
                id, name, key(name), Sql.ts(now), Sql.ts(now));
        return id;
    }

    TeamRecord team(ObjectContext ctx, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return null;
        }
        DataRow r = Sql.row(ctx, "SELECT t.ID, t.NAME, t.VERSION, t.CREATED_AT, t.UPDATED_AT,"
                + " (SELECT COUNT(*) FROM SEC_USER u WHERE u.TEAM_ID = t.ID) AS MEMBERS FROM SEC_TEAM t WHERE t.ID = ?", id);
        return r == null ? null : toTeam(r);
    }

    List<TeamRecord> teams(ObjectContext ctx, int offset, int limit) {
        List<TeamRecord> teams = new ArrayList<>();
        for (DataRow r : Sql.rows(ctx, "SELECT t.ID, t.NAME, t.VERSION, t.CREATED_AT, t.UPDATED_AT,"
                + " (SELECT COUNT(*) FROM SEC_USER u WHERE u.TEAM_ID = t.ID) AS MEMBERS FROM SEC_TEAM t"
                + " ORDER BY t.NAME_KEY, t.ID OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY")) {
            teams.add(toTeam(r));
        }
        return teams;
    }

    private static TeamRecord toTeam(DataRow r) {
        return new TeamRecord(Sql.str(r, "ID"), Sql.str(r, "NAME"), ((Number) r.get("MEMBERS")).longValue(),
                ((Number) r.get("VERSION")).longValue(), instant(r.get("CREATED_AT")), instant(r.get("UPDATED_AT")));
    }

    // ---------------------------------------------------------------- users

    String insertUser(ObjectContext ctx, String username, String email, String password, String teamId, List<String> roleIds) {
        if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER WHERE USERNAME_KEY = ?", key(username)) > 0) {
            throw Problems.conflict("The user name '" + username + "' is taken.");
        }
        requireFreeEmail(ctx, email, null);
        String id = RecordIds.newId();
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "INSERT INTO SEC_USER (ID, USERNAME, USERNAME_KEY, EMAIL, EMAIL_KEY, PASSWORD_HASH, TEAM_ID, ENABLED,"
                + " PASSWORD_CHANGED_AT, VERSION, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?)",
                id, username, key(username), email, email == null ? null : key(email), hasher.hash(password), teamId, Sql.ts(now),
                Sql.ts(now), Sql.ts(now));
        for (String roleId : new TreeSet<>(roleIds)) {
            Sql.exec(ctx, "INSERT INTO SEC_USER_ROLE (USER_ID, ROLE_ID) VALUES (?, ?)", id, roleId);
        }
        return id;
    }

    /** 409 when another user than {@code userId} has the address (compared without case). */
    void requireFreeEmail(ObjectContext ctx, String email, String userId) {
        if (email != null && Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER WHERE EMAIL_KEY = ?" + (userId == null ? "" : " AND ID <> ?"),
                userId == null ? new Object[] {key(email)} : new Object[] {key(email), userId}) > 0) {
            throw Problems.conflict("Another user has the mail address '" + email + "'.");
        }
    }

    void setEmail(ObjectContext ctx, String userId, String email) {
        requireFreeEmail(ctx, email, userId);
        Sql.exec(ctx, "UPDATE SEC_USER SET EMAIL = ?, EMAIL_KEY = ? WHERE ID = ?", email, email == null ? null : key(email), userId);
    }

    UserRecord user(ObjectContext ctx, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return null;
        }
        DataRow r = Sql.row(ctx, "SELECT ID, USERNAME, EMAIL, TEAM_ID, ENABLED, INVITED_AT, VERSION, CREATED_AT, UPDATED_AT FROM SEC_USER WHERE ID = ?", id);
        return r == null ? null : toUser(ctx, r);
    }

    List<UserRecord> users(ObjectContext ctx, String teamId, int offset, int limit) {
        List<UserRecord> users = new ArrayList<>();
        String where = teamId == null ? "" : " WHERE TEAM_ID = ?";
        Object[] params = teamId == null ? new Object[0] : new Object[] {teamId};
        for (DataRow r : Sql.rows(ctx, "SELECT ID, USERNAME, EMAIL, TEAM_ID, ENABLED, INVITED_AT, VERSION, CREATED_AT, UPDATED_AT FROM SEC_USER" + where
                + " ORDER BY USERNAME_KEY OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", params)) {
            users.add(toUser(ctx, r));
        }
        return users;
    }

    /** Which users may be given records or work: of one team (null: all), whose name contains {@code text}, with that id (null: any). */
    record Assignable(String teamId, String text, String id) {

        String where() {
            return " WHERE ENABLED = 1" + (teamId == null ? "" : " AND TEAM_ID = ?") + (id == null ? "" : " AND ID = ?")
                    + (text == null ? "" : " AND USERNAME_KEY LIKE ? ESCAPE '\\'");
        }

        Object[] params() {
            List<Object> params = new ArrayList<>();
            if (teamId != null) {
                params.add(teamId);
            }
            if (id != null) {
                params.add(id);
            }
            if (text != null) {
                // The typed text matches literally: % and _ are not wildcards here.
                params.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            return params.toArray();
        }
    }

    /** Enabled users the filter keeps, by name. */
    List<UsersResource.Assignee> assignable(ObjectContext ctx, Assignable filter, int offset, int limit) {
        List<UsersResource.Assignee> users = new ArrayList<>();
        for (DataRow r : Sql.rows(ctx, "SELECT ID, USERNAME, TEAM_ID FROM SEC_USER" + filter.where()
                + " ORDER BY USERNAME_KEY OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY", filter.params())) {
            users.add(new UsersResource.Assignee(Sql.str(r, "ID"), Sql.str(r, "USERNAME"), Sql.str(r, "TEAM_ID")));
        }
        return users;
    }

    long assignableCount(ObjectContext ctx, Assignable filter) {
        return Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER" + filter.where(), filter.params());
    }

    long userCount(ObjectContext ctx, String teamId) {
        return teamId == null ? Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER")
                : Sql.count(ctx, "SELECT COUNT(*) FROM SEC_USER WHERE TEAM_ID = ?", teamId);
    }

    private UserRecord toUser(ObjectContext ctx, DataRow r) {
        String id = Sql.str(r, "ID");
        List<String> roles = new ArrayList<>();
        for (DataRow role : Sql.rows(ctx, "SELECT r.NAME FROM SEC_USER_ROLE ur JOIN SEC_ROLE r ON r.ID = ur.ROLE_ID"
                + " WHERE ur.USER_ID = ? ORDER BY r.NAME_KEY", id)) {
            roles.add(Sql.str(role, "NAME"));
        }
        UserRecord.Invitation invitation = null;
        if (r.get("INVITED_AT") != null) {
            LocalDateTime until = OneTimeTokens.openUntil(ctx, OneTimeTokens.INVITATION, id);
            invitation = new UserRecord.Invitation(instant(r.get("INVITED_AT")), until == null ? null : until.toInstant(ZoneOffset.UTC),
                    until == null || until.isBefore(Sql.now()));
        }
        return new UserRecord(id, Sql.str(r, "USERNAME"), Sql.str(r, "EMAIL"), Sql.str(r, "TEAM_ID"), Sql.flag(r, "ENABLED"), roles,
                invitation, ((Number) r.get("VERSION")).longValue(), instant(r.get("CREATED_AT")), instant(r.get("UPDATED_AT")));
    }

    /** Removes the user, their roles, sessions and tokens; part of the caller's change. */
    void deleteUser(ObjectContext ctx, String userId) {
        revokeAll(ctx, userId, null);
        Sql.exec(ctx, "DELETE FROM SEC_USER_ROLE WHERE USER_ID = ?", userId);
        Sql.exec(ctx, "DELETE FROM SEC_USER WHERE ID = ?", userId);
    }

    /** The mail address of an enabled user, or null. */
    String mailAddress(String userId) {
        return persistence.read(ctx -> {
            DataRow r = Sql.row(ctx, "SELECT EMAIL FROM SEC_USER WHERE ID = ? AND ENABLED = 1", userId);
            return r == null ? null : Sql.str(r, "EMAIL");
        });
    }

    /** Id and password hash of an enabled user, or null. */
    DataRow credentials(ObjectContext ctx, String username) {
        return Sql.row(ctx, "SELECT ID, PASSWORD_HASH, ENABLED FROM SEC_USER WHERE USERNAME_KEY = ?", key(username));
    }

    void setPassword(ObjectContext ctx, String userId, String password) {
        securityChanged(); // and again once committed, by the caller's change()
        moveSharedEpoch(ctx);
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "UPDATE SEC_USER SET PASSWORD_HASH = ?, PASSWORD_CHANGED_AT = ?, UPDATED_AT = ?, VERSION = VERSION + 1"
                + " WHERE ID = ?", hasher.hash(password), Sql.ts(now), Sql.ts(now), userId);
    }

    /** Role ids for role names; 400 naming the field for an unknown one. */
    List<String> roleIds(ObjectContext ctx, List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            DataRow r = name == null ? null : Sql.row(ctx, "SELECT ID FROM SEC_ROLE WHERE NAME_KEY = ?", key(name));
            if (r == null) {
                throw Problems.invalid("roles", "names an unknown role '" + name + "'");
            }
            ids.add(Sql.str(r, "ID"));
        }
        return ids;
    }

    // ---------------------------------------------------------------- roles

    List<RoleRecord> roles(ObjectContext ctx) {
        List<RoleRecord> roles = new ArrayList<>();
        for (DataRow r : Sql.rows(ctx, "SELECT ID, NAME, BUILTIN, VERSION FROM SEC_ROLE ORDER BY NAME_KEY")) {
            roles.add(toRole(ctx, r));
        }
        return roles;
    }

    RoleRecord role(ObjectContext ctx, String id) {
        if (!RecordIds.isWellFormed(id)) {
            return null;
        }
        DataRow r = Sql.row(ctx, "SELECT ID, NAME, BUILTIN, VERSION FROM SEC_ROLE WHERE ID = ?", id);
        return r == null ? null : toRole(ctx, r);
    }

    private static RoleRecord toRole(ObjectContext ctx, DataRow r) {
        String id = Sql.str(r, "ID");
        List<String> permissions = new ArrayList<>();
        for (DataRow p : Sql.rows(ctx, "SELECT PERMISSION FROM SEC_ROLE_PERMISSION WHERE ROLE_ID = ? ORDER BY PERMISSION", id)) {
            permissions.add(Sql.str(p, "PERMISSION"));
        }
        return new RoleRecord(id, Sql.str(r, "NAME"), Sql.flag(r, "BUILTIN"), permissions, ((Number) r.get("VERSION")).longValue());
    }

    String insertRole(ObjectContext ctx, String name) {
        if (Sql.count(ctx, "SELECT COUNT(*) FROM SEC_ROLE WHERE NAME_KEY = ?", key(name)) > 0) {
            throw Problems.conflict("A role named '" + name + "' exists already.");
        }
        String id = RecordIds.newId();
        LocalDateTime now = Sql.now();
        Sql.exec(ctx, "INSERT INTO SEC_ROLE (ID, NAME, NAME_KEY, BUILTIN, VERSION, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, 0, 1, ?, ?)",
                id, name, key(name), Sql.ts(now), Sql.ts(now));
        return id;
    }

    /** Writes the role's permissions; a change to an existing role is recorded with {@link #roleChanged}. */
    void setPermissions(ObjectContext ctx, String roleId, Set<String> permissions) {
        Sql.exec(ctx, "DELETE FROM SEC_ROLE_PERMISSION WHERE ROLE_ID = ?", roleId);
        for (String p : new TreeSet<>(permissions)) {
            Sql.exec(ctx, "INSERT INTO SEC_ROLE_PERMISSION (ROLE_ID, PERMISSION) VALUES (?, ?)", roleId, p);
        }
    }

    // ---------------------------------------------------------------- sessions and tokens

    record IssuedToken(String token, String id, String csrfToken, LocalDateTime expiresAt) {
    }

    IssuedToken issue(ObjectContext ctx, String userId, String kind, String name) {
        String token = Tokens.newToken();
        String id = RecordIds.newId();
        String csrf = SessionInfo.BROWSER.equals(kind) ? Tokens.newToken() : null;
        LocalDateTime now = Sql.now();
        LocalDateTime expires = now.plus(SessionInfo.BROWSER.equals(kind) ? sessionMax : API_TOKEN_LIFETIME);
        Sql.exec(ctx, "INSERT INTO SEC_SESSION (TOKEN_HASH, ID, USER_ID, KIND, NAME, CSRF_TOKEN, CREATED_AT, LAST_SEEN_AT, EXPIRES_AT)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Tokens.hash(token), id, userId, kind, name, csrf, Sql.ts(now), Sql.ts(now), Sql.ts(expires));
        return new IssuedToken(token, id, csrf, expires);
    }

    /**
     * The session a token stands for, if it is live: not expired, not idle too long (browser
     * sessions), and its user enabled. The session and its user are read in one statement; the
     * user's roles and permissions come from {@link #accessOf}, current as of the access version
     * that same statement reads.
     *
     * <p>What was read answers for the same token for at most {@link #SESSION_CACHE_TTL} (one
     * second) and only while nothing in the security tables changed since it was read: every
     * change goes through {@link #change} (or the helpers it calls), which moves this node's
     * epoch after it committed and the shared epoch row (SEC_EPOCH) inside its transaction;
     * requests read that row by its key at most every quarter second ({@link #sharedEpoch}). A
     * sign-out, revoked token, disabled user, changed password, role, permission or team thus
     * takes effect from the next request on this node and within a quarter second on every
     * other node sharing the database. Expiry and idle time are checked against the clock on every
     * request. Without this, every request ran the session and user join on the same rows.
     */
    SessionInfo resolve(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return null;
        }
        String hash = Tokens.hash(token);
        long now = System.nanoTime();
        Cached cached = sessions.get(hash);
        long shared = sharedEpoch(now);
        if (cached == null || cached.epoch() != securityEpoch.get() || cached.shared() != shared
                || now - cached.readAt() > SESSION_CACHE_TTL.toNanos()) {
            long epoch = securityEpoch.get();
            SessionInfo read = persistence.read(ctx -> load(ctx, hash));
            if (read == null) {
                sessions.remove(hash);
                return null;
            }
            if (sessions.size() >= SESSION_CACHE_LIMIT) {
                sessions.clear();
            }
            cached = new Cached(read, epoch, shared, now);
            sessions.put(hash, cached);
        }
        return live(cached.session()) ? cached.session() : null;
    }

    /**
     * The shared epoch row, which moves with every security change on any node sharing the
     * database (see {@link #change}). Embedded Derby has one node, this one, whose own epoch
     * already moves: no read. On PostgreSQL the row is read by its key at most every
     * {@link #SHARED_EPOCH_TTL} for all requests together rather than once per request (a round
     * trip to the database that capped every request's rate), so a change made on another node
     * takes effect there within that time; on the node that made it, at once.
     */
    private long sharedEpoch(long now) {
        if (persistence.databaseKind() == DatabaseKind.DERBY) {
            return 0;
        }
        SharedEpoch known = sharedEpoch;
        if (known == null || now - known.readAt() > SHARED_EPOCH_TTL.toNanos()) {
            known = new SharedEpoch(persistence.read(ctx -> Sql.count(ctx, "SELECT N FROM SEC_EPOCH WHERE ID = 1")), now);
            sharedEpoch = known;
        }
        return known.n();
    }

    private record SharedEpoch(long n, long readAt) {
    }

    /** A session as read from the database, with the time ({@link System#nanoTime}) and security epoch before it was read. */
    private record Cached(SessionInfo session, long epoch, long shared, long readAt) {
    }

    /** The session of a token hash and its enabled user, or null; not checked for expiry. */
    private SessionInfo load(ObjectContext ctx, String hash) {
        DataRow s = Sql.row(ctx, "SELECT s.ID, s.USER_ID, s.KIND, s.CSRF_TOKEN, s.LAST_SEEN_AT, s.EXPIRES_AT,"
                + " u.USERNAME, u.TEAM_ID, u.ENABLED, u.ACCESS_VERSION FROM SEC_SESSION s JOIN SEC_USER u ON u.ID = s.USER_ID"
                + " WHERE s.TOKEN_HASH = ?", hash);
        if (s == null || !Sql.flag(s, "ENABLED")) {
            return null;
        }
        UserPrincipal user = principal(ctx, s);
        return new SessionInfo(hash, Sql.str(s, "ID"), Sql.str(s, "KIND"), Sql.str(s, "CSRF_TOKEN"), Sql.time(s.get("LAST_SEEN_AT")),
                Sql.time(s.get("EXPIRES_AT")), user);
    }

    /** Not expired, and (a browser session) not idle too long. */
    private boolean live(SessionInfo session) {
        LocalDateTime now = Sql.now();
        return !now.isAfter(session.expiresAt())
                && !(SessionInfo.BROWSER.equals(session.kind()) && now.isAfter(session.lastSeenAt().plus(sessionIdle)));
    }

    /**
     * Runs a change to users, roles, permissions, teams, sessions or tokens in a transaction,
     * then makes every request that starts after it read sessions from the database again (the
     * epoch moves after the commit, so a session read before it, or while it ran, is never
     * used again). Every such change must go through here, or it would take up to
     * {@link #SESSION_CACHE_TTL} to take effect on this node too.
     */
    <T> T change(java.util.function.Function<ObjectContext, T> work) {
        try {
            return persistence.write(ctx -> {
                T result = work.apply(ctx);
                moveSharedEpoch(ctx);
                return result;
            });
        } finally {
            securityChanged();
        }
    }

    /**
     * Moves the epoch every node compares its remembered sessions with, in the transaction of
     * the change: a change made through one node counts on every other from its next request.
     */
    private static void moveSharedEpoch(ObjectContext ctx) {
        Sql.exec(ctx, "UPDATE SEC_EPOCH SET N = N + 1 WHERE ID = 1");
    }

    /** Forgets every session read so far. */
    void securityChanged() {
        securityEpoch.incrementAndGet();
        sessions.clear();
    }

    /** An enabled user with roles and permissions, or null. */
    UserPrincipal principal(String userId) {
        return persistence.read(ctx -> {
            DataRow u = Sql.row(ctx, "SELECT ID AS USER_ID, USERNAME, TEAM_ID, ENABLED, ACCESS_VERSION FROM SEC_USER WHERE ID = ?", userId);
            return u == null || !Sql.flag(u, "ENABLED") ? null : principal(ctx, u);
        });
    }

    /** The principal of a row with USER_ID, USERNAME, TEAM_ID and ACCESS_VERSION. */
    private UserPrincipal principal(ObjectContext ctx, DataRow user) {
        String userId = Sql.str(user, "USER_ID");
        Access access = accessOf(ctx, userId, ((Number) user.get("ACCESS_VERSION")).longValue());
        return new UserPrincipal(userId, Sql.str(user, "USERNAME"), Sql.str(user, "TEAM_ID"), access.roles(), access.permissions());
    }

    /** A user's role names and permissions as of one access version of theirs. */
    private record Access(long version, Set<String> roles, Set<String> permissions) {
    }

    /**
     * The user's roles and permissions, remembered per user until their access version moves.
     * Every change to them bumps the version in its own transaction ({@link #accessChanged},
     * {@link #roleChanged}), and every request reads the version from the database, so what is
     * remembered is never used once it is out of date, on any node. Loading after the version
     * was read can only store newer access under an older version, which the next request
     * replaces.
     */
    private Access accessOf(ObjectContext ctx, String userId, long version) {
        Access known = access.get(userId);
        if (known != null && known.version() == version) {
            return known;
        }
        Set<String> roles = new HashSet<>();
        Set<String> permissions = new HashSet<>();
        for (DataRow r : Sql.rows(ctx, "SELECT r.NAME, p.PERMISSION FROM SEC_USER_ROLE ur JOIN SEC_ROLE r ON r.ID = ur.ROLE_ID"
                + " LEFT JOIN SEC_ROLE_PERMISSION p ON p.ROLE_ID = r.ID WHERE ur.USER_ID = ?", userId)) {
            roles.add(Sql.str(r, "NAME"));
            if (r.get("PERMISSION") != null) {
                permissions.add(Sql.str(r, "PERMISSION"));
            }
        }
        Access loaded = new Access(version, Set.copyOf(roles), Set.copyOf(permissions));
        if (access.size() >= ACCESS_CACHE_LIMIT) {
            access.clear();
        }
        access.put(userId, loaded);
        return loaded;
    }

    /** Marks a change to the user's roles; part of the caller's transaction. */
    void accessChanged(ObjectContext ctx, String userId) {
        securityChanged(); // and again once committed, by the caller's change()
        moveSharedEpoch(ctx);
        Sql.exec(ctx, "UPDATE SEC_USER SET ACCESS_VERSION = ACCESS_VERSION + 1 WHERE ID = ?", userId);
    }

    /**
     * Records a change to a role (its name or permissions), once per change: the role's own
     * version, and the access version of everyone who holds it. Part of the caller's transaction.
     */
    void roleChanged(ObjectContext ctx, String roleId) {
        securityChanged(); // and again once committed, by the caller's change()
        moveSharedEpoch(ctx);
        Sql.exec(ctx, "UPDATE SEC_ROLE SET VERSION = VERSION + 1, UPDATED_AT = ? WHERE ID = ?", Sql.ts(Sql.now()), roleId);
        Sql.exec(ctx, "UPDATE SEC_USER SET ACCESS_VERSION = ACCESS_VERSION + 1"
                + " WHERE ID IN (SELECT USER_ID FROM SEC_USER_ROLE WHERE ROLE_ID = ?)", roleId);
    }

    /** Moves the idle timer forward, at most once a minute (or a quarter of the idle time) per session. */
    void touch(SessionInfo session) {
        LocalDateTime now = Sql.now();
        Duration interval = sessionIdle.dividedBy(4).compareTo(TOUCH_INTERVAL) < 0 ? sessionIdle.dividedBy(4) : TOUCH_INTERVAL;
        if (session.lastSeenAt().plus(interval).isBefore(now)) {
            persistence.write(ctx -> Sql.exec(ctx, "UPDATE SEC_SESSION SET LAST_SEEN_AT = ? WHERE TOKEN_HASH = ?",
                    Sql.ts(now), session.tokenHash()));
            // The remembered session moves with it, or each request until it is read again would write the same.
            sessions.computeIfPresent(session.tokenHash(), (hash, c) -> c.session().lastSeenAt().isBefore(now)
                    ? new Cached(c.session().seenAt(now), c.epoch(), c.shared(), c.readAt()) : c);
        }
    }

    void revoke(ObjectContext ctx, String tokenHash) {
        securityChanged(); // and again once committed, by the caller's change()
        moveSharedEpoch(ctx);
        Sql.exec(ctx, "DELETE FROM SEC_SESSION WHERE TOKEN_HASH = ?", tokenHash);
    }

    /** Ends every session and token of the user, except the one given (may be null). */
    int revokeAll(ObjectContext ctx, String userId, String exceptTokenHash) {
        securityChanged(); // and again once committed, by the caller's change()
        moveSharedEpoch(ctx);
        if (exceptTokenHash == null) {
            return Sql.exec(ctx, "DELETE FROM SEC_SESSION WHERE USER_ID = ?", userId);
        }
        return Sql.exec(ctx, "DELETE FROM SEC_SESSION WHERE USER_ID = ? AND TOKEN_HASH <> ?", userId, exceptTokenHash);
    }

    List<Map<String, Object>> apiTokens(ObjectContext ctx, String userId) {
        List<Map<String, Object>> tokens = new ArrayList<>();
        for (DataRow r : Sql.rows(ctx, "SELECT ID, NAME, CREATED_AT, LAST_SEEN_AT, EXPIRES_AT FROM SEC_SESSION"
                + " WHERE USER_ID = ? AND KIND = ? ORDER BY CREATED_AT", userId, SessionInfo.API)) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", Sql.str(r, "ID"));
            t.put("name", Sql.str(r, "NAME"));
            t.put("createdAt", instant(r.get("CREATED_AT")));
            t.put("lastUsedAt", instant(r.get("LAST_SEEN_AT")));
            t.put("expiresAt", instant(r.get("EXPIRES_AT")));
            tokens.add(t);
        }
        return tokens;
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    static java.time.Instant instant(Object value) {
        return Sql.instant(value);
    }
}
