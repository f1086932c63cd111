package org.mosaiccrm.platform.security.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.apache.cayenne.ObjectContext;
import org.mosaiccrm.platform.api.security.LinkTokens;
import org.osgi.service.component.annotations.Component;

/**
 * {@link LinkTokens}: modules' links in the one-time link store, each purpose a kind of its own
 * prefixed {@code m:} so that no module's token ever passes for a password reset or an invitation.
 */
@Component(service = LinkTokens.class)
public class LinkTokensImpl implements LinkTokens {

    private static final Pattern PURPOSE = Pattern.compile("[a-z]{1,8}");

    @Override
    public Issued issue(ObjectContext ctx, String purpose, String recordId, Duration lifetime) {
        OneTimeTokens.Issued issued = OneTimeTokens.issue(ctx, kind(purpose), recordId, lifetime);
        return new Issued(issued.token(), issued.expiresAt().toInstant(ZoneOffset.UTC));
    }

    @Override
    public Found find(ObjectContext ctx, String purpose, String token) {
        OneTimeTokens.Found found = OneTimeTokens.find(ctx, kind(purpose), token);
        return new Found(found.userId(), State.valueOf(found.state().name()));
    }

    @Override
    public boolean spend(ObjectContext ctx, String purpose, String token) {
        OneTimeTokens.Found found = OneTimeTokens.find(ctx, kind(purpose), token);
        return found.state() == OneTimeTokens.State.VALID && OneTimeTokens.use(ctx, found.id());
    }

    @Override
    public int revoke(ObjectContext ctx, String purpose, String recordId) {
        return OneTimeTokens.revoke(ctx, kind(purpose), recordId);
    }

    static String kind(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("A link's purpose is 1 to 8 lower-case letters: " + purpose);
        }
        return "m:" + purpose;
    }
}
