package dev.keel;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the tests that run Keel in JVMs of its own share: ports, the command, and a broker queue to watch. */
final class KeelProcesses {

    private KeelProcesses() {}

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keel's main class with {@code arguments}, in a JVM on this test's class path. */
    static List<String> command(List<String> arguments) {
        var java = ProcessHandle.current().info().command().orElseThrow();
        // C1 only: these JVMs live for seconds, and start faster without the optimising compiler.
        var command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                KeelApplication.class.getName()));
        command.addAll(arguments);
        return command;
    }

    static long incompletePublications(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null")
                .query(Long.class)
                .single();
    }

    /**
     * An exchange of the test's own on the machine's RabbitMQ (127.0.0.1:5672), with a queue bound to
     * everything Keel publishes there; deleted when closed.
     */
    static final class BrokerQueue implements AutoCloseable {

        private final String exchange = "keel.test." + UUID.randomUUID();
        private final CachingConnectionFactory connection = new CachingConnectionFactory("127.0.0.1", 5672);
        private final RabbitAdmin admin = new RabbitAdmin(connection);
        private final String queue;

        BrokerQueue() {
            var topic = new TopicExchange(exchange, true, false);
            // Neither exclusive nor auto-deleted: every receive with a timeout subscribes and unsubscribes.
            var bound = new Queue(exchange + ".consumer", false, false, false);
            admin.declareExchange(topic);
            queue = admin.declareQueue(bound);
            admin.declareBinding(BindingBuilder.bind(bound).to(topic).with("#"));
        }

        /** The exchange to give Keel as {@code keel.broker.exchange}. */
        String exchange() {
            return exchange;
        }

        /** The message ids (event ids) of everything waiting, one entry per message, taken off the queue. */
        List<String> drainMessageIds() {
            var ids = new ArrayList<String>();
            var consumer = new RabbitTemplate(connection);
            for (var message = consumer.receive(queue, 1_000);
                    message != null;
                    message = consumer.receive(queue, 1_000)) {
                ids.add(message.getMessageProperties().getMessageId());
            }
            return ids;
        }

        @Override
        public void close() {
            admin.deleteQueue(queue);
            admin.deleteExchange(exchange);
            connection.destroy();
        }
    }
}
