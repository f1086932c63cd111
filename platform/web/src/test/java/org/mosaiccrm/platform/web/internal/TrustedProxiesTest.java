package org.mosaiccrm.platform.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void nothingIsTrustedByDefault() {
        assertFalse(TrustedProxies.parse(null).trusts("127.0.0.1"));
        assertFalse(TrustedProxies.parse(" ").trusts("10.0.0.1"));
    }

    @Test
    void addressesAndRangesOfBothFamilies() {
        TrustedProxies t = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,2001:db8::/32, 172.16.0.0/12");
        assertTrue(t.trusts("10.255.1.2"));
        assertTrue(t.trusts("192.168.1.7"));
        assertFalse(t.trusts("192.168.1.8"));
        assertTrue(t.trusts("172.31.255.255"));
        assertFalse(t.trusts("172.32.0.0"));
        assertTrue(t.trusts("2001:db8:1::5"));
        assertTrue(t.trusts("[2001:0db8::1]"));
        assertFalse(t.trusts("2001:db9::1"));
        assertTrue(t.trusts("::ffff:10.1.1.1"), "an IPv4-mapped address is its IPv4 address");
        assertFalse(t.trusts("localhost"), "names are never looked up");
        assertFalse(t.trusts(null));
    }

    @Test
    void aListThatCannotBeReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0"));
    }

    @Test
    void theClientIsTheFirstUntrustedAddressFromTheNearestProxyOut() {
        TrustedProxies t = TrustedProxies.parse("10.0.0.0/8");
        ForwardedHeaders.Hop hop = ForwardedHeaders.client(request(Map.of("X-Forwarded-For", List.of("198.51.100.1, 203.0.113.9, 10.0.0.5"),
                "X-Forwarded-Proto", List.of("https"), "X-Forwarded-Host", List.of("crm.example.com"))), t);
        assertEquals("203.0.113.9", hop.address(), "a client-supplied address left of it is not believed");
        assertEquals("https", hop.proto());
        assertEquals("crm.example.com", hop.host());
        assertNull(ForwardedHeaders.client(request(Map.of()), t));
    }

    @Test
    void rfc7239ElementsWithQuotesPortsAndIpv6() {
        TrustedProxies t = TrustedProxies.parse("10.0.0.0/8");
        ForwardedHeaders.Hop hop = ForwardedHeaders.client(request(Map.of("Forwarded",
                List.of("for=\"[2001:db8::7]:4711\";proto=https;host=\"crm.example.com:8443\"", "for=10.1.1.1;proto=http"))), t);
        assertEquals("2001:db8:0:0:0:0:0:7", hop.address());
        assertEquals("https", hop.proto());
        assertEquals("crm.example.com:8443", hop.host());
        assertNull(ForwardedHeaders.element("for=unknown").address(), "an obfuscated or unknown node names no address");
        assertEquals("192.0.2.60", ForwardedHeaders.element("For=192.0.2.60:8080;by=203.0.113.43").address());
    }

    @Test
    void theWrappedRequestIsTheClients() {
        HttpServletRequest plain = request(Map.of());
        ForwardedHeaders.Forwarded r = new ForwardedHeaders.Forwarded(plain, new ForwardedHeaders.Hop("203.0.113.9", "https", "crm.example.com"));
        assertEquals("203.0.113.9", r.getRemoteAddr());
        assertTrue(r.isSecure());
        assertEquals("crm.example.com", r.getServerName());
        assertEquals(443, r.getServerPort());
        assertEquals("https://crm.example.com/api/v1/health", r.getRequestURL().toString());
        ForwardedHeaders.Forwarded odd = new ForwardedHeaders.Forwarded(plain, new ForwardedHeaders.Hop(null, "gopher", "bad host/x"));
        assertEquals("127.0.0.1", odd.getRemoteAddr(), "without a client address, the peer's");
        assertFalse(odd.isSecure());
        assertEquals("localhost", odd.getServerName(), "a host that is not a host is ignored");
    }

    /** A request from 127.0.0.1 to http://localhost:8181/api/v1/health with these headers. */
    static HttpServletRequest request(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(TrustedProxiesTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getScheme" -> "http";
                    case "getServerName" -> "localhost";
                    case "getServerPort" -> 8181;
                    case "getRequestURI" -> "/api/v1/health";
                    case "isSecure" -> false;
                    default -> null;
                });
    }
}
