package dev.keel.platform.security;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most a fixed number of password hashes run at once. An Argon2id hash takes about 100 ms of CPU and
 * 16 MiB of heap: sign-ins beyond the cores only add memory (16 concurrent ones held 256 MiB and drove a
 * 192 MiB heap into back-to-back full collections), so the others wait their turn here instead. Waiting
 * parks a virtual thread; no connection or lock should be held while it waits.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;

    BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency) {
        this.delegate = delegate;
        this.permits = new Semaphore(concurrency, true);
    }

    @Override
    public @Nullable String encode(@Nullable CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T extends @Nullable Object> T bounded(Supplier<T> hashing) {
        permits.acquireUninterruptibly();
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
