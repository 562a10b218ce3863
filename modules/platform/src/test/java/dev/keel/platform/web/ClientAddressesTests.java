package dev.keel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTests {

    @Test
    void countsAnIpv6NetworkAsOneClient() {
        assertThat(ClientAddresses.key("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.key("2001:db8:1:2:ffff::9")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddresses.key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
    }

    @Test
    void countsEachIpv4AddressAsItsOwnClient() {
        assertThat(ClientAddresses.key("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddresses.key("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    }

    @Test
    void keepsWhatIsNoAddressAsItIs() {
        assertThat(ClientAddresses.key("not-an-address")).isEqualTo("not-an-address");
    }
}
