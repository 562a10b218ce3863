package dev.keel.platform.cluster;

import dev.keel.platform.web.DatabaseUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cluster signals on PostgreSQL's {@code LISTEN}/{@code NOTIFY}: every replica already shares the
 * database, and {@code pg_notify} inside a transaction is delivered by the server when, and only when,
 * that transaction commits, so a signal can never run ahead of the change it announces, nor announce
 * one that was rolled back.
 *
 * <p>Sending uses the application's connection (and so its transaction); listening holds one connection
 * of its own outside the pool, on a thread of its own. When that connection breaks, the thread opens a
 * new one with growing pauses, and after every {@code LISTEN} (the first one included) tells all
 * subscribers that they may have missed signals.
 */
class PostgresClusterSignals implements ClusterSignals, SmartLifecycle {

    static final String CHANNEL = "keel_cluster";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresClusterSignals.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    /** How long one wait for notifications lasts: bounds how long stopping takes. */
    private static final int WAIT_MILLIS = 500;
    /** After this long without any traffic the listener checks that its connection still answers. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(10);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final JdbcConnectionDetails database;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter reconnects;

    private volatile boolean running;
    private volatile boolean listening;
    private @Nullable Thread listener;

    PostgresClusterSignals(JdbcClient jdbc, JdbcConnectionDetails database, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.database = database;
        this.received = Counter.builder("keel.cluster.signals.received")
                .description("Cluster signals this replica received")
                .register(meters);
        this.reconnects = Counter.builder("keel.cluster.signals.reconnects")
                .description("Times the signal listener had to open a new connection after losing one")
                .register(meters);
        Gauge.builder("keel.cluster.signals.listening", () -> listening ? 1 : 0)
                .description("1 while this replica listens for cluster signals; 0 while its caches rely on expiry")
                .register(meters);
    }

    @Override
    public void send(String topic, String payload) {
        checkTopic(topic);
        if (payload.length() > MAX_PAYLOAD || payload.indexOf('\n') >= 0 || payload.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("Not a cluster signal payload: " + payload);
        }
        // Joins the caller's transaction, if there is one: PostgreSQL then delivers it on commit.
        jdbc.sql("SELECT pg_notify(?, ?)")
                .param(CHANNEL)
                .param(topic + ':' + payload)
                .query((row, number) -> 1)
                .list();
    }

    @Override
    public void subscribe(String topic, Subscriber subscriber) {
        checkTopic(topic);
        subscribers.computeIfAbsent(topic, key -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /** Whether this replica currently hears signals. */
    boolean listening() {
        return listening;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        listener = Thread.ofPlatform().name("cluster-signals").daemon().start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        var thread = listener;
        listener = null;
        if (thread != null) {
            try {
                thread.join(Duration.ofMillis(4L * WAIT_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early, so that caches are coherent before the web server takes its first request. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void listen() {
        var pause = FIRST_PAUSE;
        var failedBefore = false;
        while (running) {
            try (var connection = connect()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (failedBefore) {
                    LOG.info("Listening for cluster signals again; caches start afresh");
                }
                // From here on nothing is lost; whatever was sent before may have been.
                subscribers.values().forEach(list -> list.forEach(PostgresClusterSignals::missed));
                pause = FIRST_PAUSE;
                failedBefore = false;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                reconnects.increment();
                if (!failedBefore) {
                    DatabaseUnavailable.logFailure(
                            LOG,
                            "Listening for cluster signals",
                            "caches rely on their expiry until the listener is back",
                            e);
                }
                failedBefore = true;
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            } finally {
                listening = false;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        var notifications = connection.unwrap(PGConnection.class);
        var quietSince = System.nanoTime();
        while (running) {
            var batch = notifications.getNotifications(WAIT_MILLIS);
            if (batch != null && batch.length > 0) {
                quietSince = System.nanoTime();
                for (var notification : batch) {
                    dispatch(notification);
                }
            } else if (System.nanoTime() - quietSince > IDLE_CHECK.toNanos()) {
                // A connection whose peer vanished without closing it only shows when it is used.
                try (var statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void dispatch(PGNotification notification) {
        received.increment();
        var message = notification.getParameter();
        var colon = message.indexOf(':');
        if (colon < 0) {
            return;
        }
        var payload = message.substring(colon + 1);
        for (var subscriber : subscribers.getOrDefault(message.substring(0, colon), List.of())) {
            try {
                subscriber.received(payload);
            } catch (RuntimeException e) {
                LOG.error("A cluster signal subscriber failed on {}", message, e);
            }
        }
    }

    private static void missed(Subscriber subscriber) {
        try {
            subscriber.missed();
        } catch (RuntimeException e) {
            LOG.error("A cluster signal subscriber failed to start afresh", e);
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        var username = database.getUsername();
        var password = database.getPassword();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "keel-cluster-signals");
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.getJdbcUrl(), properties);
    }

    private static void checkTopic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a cluster signal topic: " + topic);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
