/**
 * Keel's events on a message broker: every event that webhooks carry is also published to one RabbitMQ
 * topic exchange, through Spring Modulith's event externalization (so through the event publication
 * registry: a message is sent at least once, also when the process dies between the commit and the send).
 */
@NullMarked
package dev.keel.notifications.broker;

import org.jspecify.annotations.NullMarked;
