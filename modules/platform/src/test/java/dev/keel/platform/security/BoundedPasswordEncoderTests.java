package dev.keel.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTests {

    @Test
    void runsNoMoreHashesAtOnceThanItsPermits() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var release = new CountDownLatch(1);
        var slow = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return hold("hash");
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return hold(Boolean.TRUE);
            }

            private <T> T hold(T result) {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return result;
            }
        };
        var encoder = new BoundedPasswordEncoder(slow, 2);

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<?>>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                results.add(threads.submit(() -> n % 2 == 0 ? encoder.encode("pw") : encoder.matches("pw", "hash")));
            }
            Thread.sleep(300);
            assertThat(running.get()).isEqualTo(2);
            release.countDown();
            for (var result : results) {
                result.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(most.get()).isEqualTo(2);
        assertThat(running.get()).isZero();
    }

    @Test
    void answersAsItsDelegate() {
        var encoder = new BoundedPasswordEncoder(new SecurityConfiguration().passwordEncoder(), 1);

        var hash = encoder.encode("correct horse battery");

        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("wrong horse battery", hash)).isFalse();
    }
}
