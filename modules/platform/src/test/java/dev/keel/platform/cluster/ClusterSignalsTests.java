package dev.keel.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster signals on PostgreSQL: a signal travels with the commit of its transaction, never with a
 * rollback, and a listener that lost its connection comes back and tells its subscribers to start afresh.
 * The listener of this application context hears its own signals exactly as another replica's would: on
 * a connection of its own, from the server.
 */
@SpringBootTest
class ClusterSignalsTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    @Autowired
    ClusterSignals signals;

    @Autowired
    PostgresClusterSignals listener;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger missed = new AtomicInteger();
    String topic;

    @BeforeEach
    void subscribe() {
        topic = "test." + UUID.randomUUID();
        signals.subscribe(topic, new ClusterSignals.Subscriber() {
            @Override
            public void received(String payload) {
                received.add(payload);
            }

            @Override
            public void missed() {
                missed.incrementAndGet();
            }
        });
        await().atMost(PATIENCE).until(listener::listening);
    }

    @Test
    void aSignalOutsideATransactionTravelsAtOnce() {
        signals.send(topic, "now");

        await().atMost(PATIENCE).until(() -> received.contains("now"));
    }

    @Test
    void aSignalInsideATransactionTravelsWhenItCommitsAndNotBefore() throws Exception {
        var committing = transactions.execute(transaction -> {
            signals.send(topic, "committed");
            // Sent and heard while the first transaction is still open: signals arrive in commit order.
            CompletableFuture.runAsync(() -> signals.send(topic, "marker")).join();
            await().atMost(PATIENCE).until(() -> received.contains("marker"));
            return List.copyOf(received);
        });

        assertThat(committing).containsExactly("marker");
        await().atMost(PATIENCE).until(() -> received.contains("committed"));
        assertThat(received).containsExactly("marker", "committed");
    }

    @Test
    void aSignalOfARolledBackTransactionNeverTravels() {
        transactions.executeWithoutResult(transaction -> {
            signals.send(topic, "rolled-back");
            transaction.setRollbackOnly();
        });
        signals.send(topic, "after");

        await().atMost(PATIENCE).until(() -> received.contains("after"));
        assertThat(received).containsExactly("after");
    }

    @Test
    void aListenerThatLostItsConnectionListensAgainAndSaysWhatItMayHaveMissed() {
        var missedBefore = missed.get();

        var terminated = jdbc.sql("""
                        select count(*) from (
                          select pg_terminate_backend(pid) from pg_stat_activity
                          where application_name = 'keel-cluster-signals' and pid <> pg_backend_pid()) terminated""").query(Long.class).single();

        assertThat(terminated).isPositive();
        await().atMost(PATIENCE).until(() -> missed.get() > missedBefore && listener.listening());
        signals.send(topic, "again");
        await().atMost(PATIENCE).until(() -> received.contains("again"));
    }

    @Test
    void refusesTopicsAndPayloadsThatCouldNotTravel() {
        assertThatIllegalArgumentException().isThrownBy(() -> signals.send("Not A Topic", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> signals.send(topic, "two\nlines"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> signals.send(topic, "x".repeat(ClusterSignals.MAX_PAYLOAD + 1)));
    }
}
