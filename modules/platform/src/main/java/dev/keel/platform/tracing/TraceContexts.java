package dev.keel.platform.tracing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * The trace context of work that outlives the request or job it came from, as a W3C {@code traceparent}
 * ({@code 00-<trace id>-<span id>-<flags>}): what is stored beside an event publication or a webhook
 * delivery, and continued when that work runs, here or on another replica. Without tracing (Micrometer's
 * no-op tracer), there is no context and work runs as it is.
 */
@NamedInterface("tracing")
public class TraceContexts {

    public static final String TRACEPARENT = "traceparent";

    static final Pattern W3C = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * The context each event was published in, by identity, for as long as the event is in use: the event
     * is serialized for its publications once per listener and again to complete them, and listener work
     * (in this process or after resubmission) continues the trace it was published in.
     */
    private final Cache<Object, String> events =
            Caffeine.newBuilder().weakKeys().build();

    TraceContexts(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Without tracing: no context, and work runs as it is (for code that runs outside the application). */
    public static TraceContexts none() {
        return new TraceContexts(Tracer.NOOP, Propagator.NOOP);
    }

    /** The {@code traceparent} of the current span, or null outside any trace. */
    public @Nullable String current() {
        var context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        var carrier = new HashMap<String, String>(4);
        propagator.inject(context, carrier, (map, key, value) -> {
            if (map != null) {
                map.put(key, value);
            }
        });
        return valid(carrier.get(TRACEPARENT));
    }

    /** The current span's trace id, or null outside any trace. */
    public @Nullable String currentTraceId() {
        var context = tracer.currentTraceContext().context();
        return context == null || context.traceId().isEmpty() ? null : context.traceId();
    }

    /**
     * Runs {@code work} in a new span named {@code name}: a child of {@code traceparent} where one is given
     * (work stored by another request, perhaps on another replica), of the current span otherwise.
     */
    public <T extends @Nullable Object, E extends Throwable> T continuing(
            @Nullable String traceparent, String name, Work<T, E> work) throws E {
        var parent = valid(traceparent);
        var span = parent == null
                ? tracer.nextSpan().name(name).start()
                : propagator
                        .extract(Map.of(TRACEPARENT, parent), (carrier, key) -> carrier.get(key))
                        .name(name)
                        .kind(Span.Kind.CONSUMER)
                        .start();
        try (var scope = tracer.withSpan(span)) {
            return work.run();
        } catch (Throwable failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    /** The context {@code event} was published in: remembered, or the current one (remembered from now on). */
    @Nullable
    String publishedIn(Object event) {
        var known = events.getIfPresent(event);
        if (known != null) {
            return known;
        }
        var current = current();
        if (current != null) {
            events.put(event, current);
        }
        return current;
    }

    /** Remembers the context a stored event was published in, as read back from its publication. */
    void publishedIn(Object event, String traceparent) {
        events.put(event, traceparent);
    }

    /** The context an event was published in, if this process knows it. */
    @Nullable
    String knownFor(Object event) {
        return events.getIfPresent(event);
    }

    static @Nullable String valid(@Nullable String traceparent) {
        return traceparent != null && W3C.matcher(traceparent).matches() ? traceparent : null;
    }

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work<T extends @Nullable Object, E extends Throwable> {
        T run() throws E;
    }
}
