package dev.keel.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.modulith.events.core.EventSerializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace context stored with an event publication: appended to the event's JSON, taken off before the
 * JSON is read back (by a reader that refuses unknown members), the same text for as long as the event is
 * in use, and no change at all outside a trace.
 */
class TracedEventSerializerTests {

    record Registered(UUID userId, String displayName) {}

    final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    final Tracer tracer = tracer(provider);
    final TraceContexts contexts = contexts(provider);
    final TracedEventSerializer serializer = serializer(contexts);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void storesTheTraceAnEventWasPublishedInAndReadsItBack() {
        var event = new Registered(UUID.randomUUID(), "Ada");
        var span = tracer.nextSpan().name("request").start();
        String stored;
        String traceparent;
        try (var scope = tracer.withSpan(span)) {
            traceparent = contexts.current();
            stored = (String) serializer.serialize(event);
        } finally {
            span.end();
        }

        assertThat(traceparent)
                .startsWith(
                        "00-" + span.context().traceId() + "-" + span.context().spanId());
        assertThat(stored).endsWith(",\"@traceparent\":\"" + traceparent + "\"}");

        // Read back elsewhere (another replica, after a restart): the event as it was, and its trace.
        var elsewhere = contexts(provider);
        var read = serializer(elsewhere).deserialize(stored, Registered.class);
        assertThat(read).isEqualTo(event);
        assertThat(elsewhere.knownFor(read)).isEqualTo(traceparent);
    }

    @Test
    void anEventSerializesToTheSameTextWhileItIsInUse() {
        var event = new Registered(UUID.randomUUID(), "Ada");
        var published = within("request", () -> serializer.serialize(event));

        // Spring Modulith serializes it again to find the publication to complete, in the listener's span.
        var completed = within("listener", () -> serializer.serialize(event));

        assertThat(completed).isEqualTo(published);
        var read = serializer.deserialize(published, Registered.class);
        assertThat(within("resubmission", () -> serializer.serialize(read))).isEqualTo(published);
    }

    @Test
    void outsideATraceTheJsonIsSpringModuliths() {
        var event = new Registered(UUID.randomUUID(), "Ada");

        var stored = serializer.serialize(event);

        assertThat(stored).isEqualTo(plain().serialize(event));
        assertThat(serializer.deserialize(stored, Registered.class)).isEqualTo(event);
        assertThat(contexts.knownFor(event)).isNull();
    }

    @Test
    void valuesThatLookLikeTheMemberStayValues() {
        var tricky = "x\",\"@traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}";
        var event = new Registered(UUID.randomUUID(), tricky);

        var read = serializer.deserialize(plain().serialize(event), Registered.class);
        var traced = serializer.deserialize(within("request", () -> serializer.serialize(event)), Registered.class);

        assertThat(read.displayName()).isEqualTo(tricky);
        assertThat(traced.displayName()).isEqualTo(tricky);
    }

    @Test
    void workContinuesAStoredTraceInASpanOfItsOwn() {
        var stored = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        var inside = contexts.continuing(stored, "listener", contexts::current);
        var fresh = contexts.continuing(null, "job", contexts::current);
        var unusable = contexts.continuing("garbage", "job", contexts::current);

        assertThat(inside).startsWith("00-0af7651916cd43dd8448eb211c80319c-").doesNotContain("b7ad6b7169203331");
        assertThat(fresh).isNotNull().doesNotContain("0af7651916cd43dd8448eb211c80319c");
        assertThat(unusable).isNotNull().doesNotContain("0af7651916cd43dd8448eb211c80319c");
        assertThat(contexts.current()).isNull();
    }

    private Object within(String name, Supplier<Object> work) {
        var span = tracer.nextSpan().name(name).start();
        try (var scope = tracer.withSpan(span)) {
            return work.get();
        } finally {
            span.end();
        }
    }

    private static Tracer tracer(SdkTracerProvider provider) {
        return new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {});
    }

    private static TraceContexts contexts(SdkTracerProvider provider) {
        var propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        return new TraceContexts(tracer(provider), new OtelPropagator(propagators, provider.get("test")));
    }

    private static TracedEventSerializer serializer(TraceContexts contexts) {
        var beans = new StaticListableBeanFactory();
        beans.addBean("traceContexts", contexts);
        return new TracedEventSerializer(plain(), beans.getBeanProvider(TraceContexts.class));
    }

    /** Spring Modulith's Jackson serializer, as strict about unknown members as Keel's request bodies. */
    private static EventSerializer plain() {
        var json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        return new EventSerializer() {
            @Override
            public Object serialize(Object event) {
                return json.writeValueAsString(event);
            }

            @Override
            public <T> T deserialize(Object serialized, Class<T> type) {
                return json.readValue((String) serialized, type);
            }
        };
    }
}
