package dev.keel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseUnavailableTests {

    @Test
    void recognisesAnOutageWhereverItIsInTheCauses() {
        assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException(
                        "no connection", new SQLTransientConnectionException("request timed out"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(
                        new CannotCreateTransactionException("Could not open JPA EntityManager")))
                .isTrue();
        // The server shut down under a statement, refused for too many connections, or the connection broke.
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("too many clients", "53300"))))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("I/O error", "08006"))))
                .isTrue();
        // A rollback on the connection the pool closed after the server dropped it hides the first error.
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("Connection is closed"))))
                .isTrue();
    }

    @Test
    void leavesOtherDatabaseErrorsAlone() {
        assertThat(DatabaseUnavailable.causedBy(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("relation does not exist", "42P01"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(wrapped(new SQLException("something else"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("not the database")))
                .isFalse();
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new JpaSystemException(new RuntimeException("JDBC exception executing SQL", cause));
    }
}
