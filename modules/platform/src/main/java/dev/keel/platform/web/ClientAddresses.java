package dev.keel.platform.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.springframework.modulith.NamedInterface;

/**
 * The client a request address stands for, as per-client limits count it. The address is the one Tomcat
 * reports after its {@code RemoteIpValve}, which believes {@code X-Forwarded-For} only from the trusted
 * proxies ({@code server.tomcat.remoteip.internal-proxies}).
 */
@NamedInterface("web")
public final class ClientAddresses {

    private ClientAddresses() {}

    /**
     * An IPv4 address, or the /64 network of an IPv6 address (one subscriber's allocation, which its owner can
     * rotate through at will).
     */
    public static String key(String address) {
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(address); // never a name lookup
        } catch (IllegalArgumentException notAnAddress) {
            return address;
        }
        if (parsed instanceof Inet6Address) {
            var network = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return parsed.getHostAddress();
    }
}
