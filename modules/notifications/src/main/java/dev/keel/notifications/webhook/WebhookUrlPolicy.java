package dev.keel.notifications.webhook;

import dev.keel.notifications.NotificationsProperties;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from being aimed at Keel's own network (SSRF): only {@code https}, and a host whose
 * every resolved address is public; not loopback, private, link-local (which includes the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT, unique-local or unspecified. Checked when an endpoint is
 * registered and again before every delivery, after a fresh DNS resolution. Development and tests may
 * allow insecure targets.
 */
@Component
class WebhookUrlPolicy {

    /** Why a URL was refused; the message is shown to the client. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final boolean allowInsecure;

    @Autowired
    WebhookUrlPolicy(NotificationsProperties properties) {
        this(properties.webhooks().allowInsecureTargets());
    }

    WebhookUrlPolicy(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    URI check(String url) throws Refused {
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
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("The host does not resolve.");
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                throw new Refused("The host resolves to a private, loopback or link-local address.");
            }
        }
        return uri;
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
            if (isIpv4Mapped(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
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

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
