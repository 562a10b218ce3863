package dev.keel.platform.tracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Stores an event's trace context with its publications: Spring Modulith's JSON of the event gets one more
 * member at its end, {@code "@traceparent": "00-..."}, which is taken off again before the JSON is read
 * back. The member is appended, never parsed into the event, so the event types need no field for it, and
 * an event serializes to the same text for as long as it is in use (Spring Modulith finds a publication to
 * complete by that text). Publications stored without a trace read as before.
 */
final class TracedEventSerializer implements EventSerializer {

    private static final String MEMBER = "\"@traceparent\":\"";

    /** {@code "@traceparent":"} + a traceparent of 55 characters + {@code "}}. */
    private static final int SUFFIX = MEMBER.length() + 55 + 2;

    private final EventSerializer delegate;
    private final ObjectProvider<TraceContexts> traces;

    TracedEventSerializer(EventSerializer delegate, ObjectProvider<TraceContexts> traces) {
        this.delegate = delegate;
        this.traces = traces;
    }

    @Override
    public Object serialize(Object event) {
        var serialized = delegate.serialize(event);
        if (!(serialized instanceof String json) || json.length() < 2 || !json.endsWith("}")) {
            return serialized;
        }
        var traceparent = traces.getObject().publishedIn(event);
        if (traceparent == null) {
            return json;
        }
        var open = json.substring(0, json.length() - 1);
        return open + (open.endsWith("{") ? "" : ",") + MEMBER + traceparent + "\"}";
    }

    @Override
    public <T> T deserialize(Object serialized, Class<T> type) {
        if (serialized instanceof String json && json.length() > SUFFIX) {
            var start = json.length() - SUFFIX;
            var traceparent = json.substring(start + MEMBER.length(), json.length() - 2);
            if (json.startsWith(MEMBER, start) && json.endsWith("\"}") && TraceContexts.valid(traceparent) != null) {
                var before = json.charAt(start - 1) == ',' ? start - 1 : start;
                var event = delegate.deserialize(json.substring(0, before) + "}", type);
                traces.getObject().publishedIn(event, traceparent);
                return event;
            }
        }
        return delegate.deserialize(serialized, type);
    }
}
