package dev.keel.platform.cluster;

import org.springframework.modulith.NamedInterface;

/**
 * Tells every replica of the deployment, this one included, that something changed, so that each can
 * forget what it holds in memory. A signal sent inside a transaction travels only if and when the
 * transaction commits; one sent outside travels at once. Signals are not stored: a replica that was not
 * listening when one was sent (it was starting, or its connection to the database was down) hears {@link
 * Subscriber#missed()} instead, once it listens again, and must then forget everything of that topic.
 */
@NamedInterface("cluster")
public interface ClusterSignals {

    /** Topics and payloads together stay far below PostgreSQL's 8,000-byte limit of a notification. */
    int MAX_PAYLOAD = 512;

    /**
     * Sends {@code payload} on {@code topic} to every replica.
     *
     * @param topic lower-case letters, digits, dots and dashes
     * @param payload at most {@link #MAX_PAYLOAD} characters, no line breaks
     */
    void send(String topic, String payload);

    /** Registers a subscriber for one topic; it is called on the listener's thread, so it must be quick. */
    void subscribe(String topic, Subscriber subscriber);

    /** Someone who keeps a copy of data that signals say has changed. */
    interface Subscriber {

        /** A replica (perhaps this one) committed a change that {@code payload} names. */
        void received(String payload);

        /** Signals of the topic may have been lost: everything of the topic has to be forgotten. */
        void missed();
    }
}
