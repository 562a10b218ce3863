package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from being aimed at Keel's own network (SSRF): only {@code https}, and a host whose
 * every resolved address is public; not loopback, private, link-local (which includes the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, unique-local or unspecified, also when an IPv6 address
 * carries such an IPv4 address (IPv4-mapped and -compatible, NAT64, 6to4; Teredo is refused). Checked when
 * an endpoint is registered and again for every delivery by the {@link #dnsResolver() resolver the HTTP
 * client connects with}, so the connection goes to an address that was checked (no DNS rebinding between
 * check and connect). Development and tests may allow insecure targets.
 */
@Component
class WebhookUrlPolicy {

    /** Why a URL was refused; the message is shown to the client. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A host name lookup; the system resolver in production. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addressesOf(String host) throws UnknownHostException;
    }

    /** What the HTTP client sees when the addresses of a target are refused: it does not connect. */
    static final class RefusedAddress extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        RefusedAddress(@Nullable String reason) {
            super(reason);
        }
    }

    private final boolean allowInsecure;
    private final Lookup lookup;

    @Autowired
    WebhookUrlPolicy(NotificationsProperties properties) {
        this(properties.webhooks().allowInsecureTargets());
    }

    WebhookUrlPolicy(boolean allowInsecure) {
        this(allowInsecure, InetAddress::getAllByName);
    }

    WebhookUrlPolicy(boolean allowInsecure, Lookup lookup) {
        this.allowInsecure = allowInsecure;
        this.lookup = lookup;
    }

    /**
     * The resolver the webhook HTTP client connects through: each connection resolves the host once and
     * goes to those addresses only if every one of them is allowed.
     */
    DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                if (allowInsecure) {
                    return lookup.addressesOf(host);
                }
                try {
                    return publicAddressesOf(host);
                } catch (Refused refused) {
                    throw new RefusedAddress(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
    }

    /** Checks a URL completely, its host's addresses included: when an endpoint is registered. */
    URI check(String url) throws Refused {
        var uri = target(url);
        if (!allowInsecure) {
            publicAddressesOf(uri.getHost());
        }
        return uri;
    }

    /**
     * Checks everything but the addresses: for a delivery, whose HTTP client checks those itself through
     * {@link #dnsResolver()}, in the one resolution it connects with.
     */
    URI target(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("The URL is not valid.");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        var host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("The URL must be an absolute http(s) URL with a host.");
        }
        if (uri.getUserInfo() != null) {
            throw new Refused("The URL must not contain credentials.");
        }
        if (allowInsecure) {
            return uri;
        }
        if (!scheme.equals("https")) {
            throw new Refused("The URL must use https.");
        }
        return uri;
    }

    private InetAddress[] publicAddressesOf(String host) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = lookup.addressesOf(host);
        } catch (UnknownHostException e) {
            throw new Refused("The host does not resolve.");
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("The host resolves to a private, loopback or link-local address.");
            }
        }
        return addresses;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; IPv4-mapped addresses are checked as the IPv4 address they carry.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false;
            }
            var embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return isPublic(embedded);
            }
            // 2001:0::/32 Teredo hides its client's IPv4 address; 64:ff9b:1::/48 is local-use NAT64.
            return !(bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0)
                    && !startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0.0.0.0/8 "this network", 100.64.0.0/10 carrier-grade NAT, 192.0.0.0/24 protocol assignments,
        // 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved.
        return first != 0
                && !(first == 100 && second >= 64 && second <= 127)
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                && !(first == 198 && (second == 18 || second == 19))
                && first < 240;
    }

    /**
     * The IPv4 address an IPv6 address stands for, where it carries one: IPv4-mapped {@code ::ffff:a.b.c.d},
     * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4 {@code 2002:aabb:ccdd::/48}.
     */
    private static @Nullable InetAddress embeddedIpv4(byte[] bytes) {
        int from;
        if (startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)
                || startsWith(bytes, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) {
            from = 12;
        } else if (startsWith(bytes, 0x20, 0x02)) {
            from = 2;
        } else {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
