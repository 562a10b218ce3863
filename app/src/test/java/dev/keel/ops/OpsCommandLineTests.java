package dev.keel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.KeelApplication;
import dev.keel.users.UserRegistered;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ops commands as an operator runs them: through {@link OpsCommandLine} with real arguments, standard
 * input and output, each on a freshly started application without a web server, on PostgreSQL.
 */
@ExtendWith(OutputCaptureExtension.class)
class OpsCommandLineTests {

    static final String PASSWORD = "an operator chosen password";

    static ScratchDatabase database;

    @BeforeAll
    static void migrateTheirDatabase() {
        database = ScratchDatabase.create();
        assertThat(run(keelOn(database), "", "db", "migrate").exitCode()).isZero();
    }

    @Test
    void showsHelpForEveryCommandWithoutStartingTheApplication() {
        Supplier<ConfigurableApplicationContext> neverStarted = () -> {
            throw new AssertionError("help must not start the application");
        };

        var root = run(neverStarted, "", "--help");
        assertThat(root.exitCode()).isZero();
        assertThat(root.out()).contains("db", "users", "billing", "events", "Exit codes:");
        for (var command : new String[][] {
            {"db", "migrate"}, {"users", "create-admin"}, {"billing", "run-cycle"}, {"events", "resubmit"}
        }) {
            var help = run(neverStarted, "", command[0], command[1], "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: keel " + command[0] + " " + command[1], "Exit codes:");
        }
    }

    @Test
    void runsTheServerForOptionsAndACommandForWords() {
        assertThat(OpsCommandLine.isCommand()).isFalse();
        assertThat(OpsCommandLine.isCommand("--server.port=9090")).isFalse();
        assertThat(OpsCommandLine.isCommand("db", "migrate")).isTrue();
    }

    @Test
    void answersEveryHelpAndVersionFormWithoutStartingAnything() {
        Supplier<ConfigurableApplicationContext> neverStarted = () -> {
            throw new AssertionError("help and version must not start the application");
        };
        for (var form : new String[] {"-h", "--help", "-V", "--version"}) {
            assertThat(OpsCommandLine.isCommand(form)).as(form).isTrue();
        }
        for (var form : new String[] {"-h", "--help"}) {
            var help = run(neverStarted, "", form);
            assertThat(help.exitCode()).as(form).isZero();
            assertThat(help.out()).as(form).contains("Usage: keel", "db", "users");
        }
        for (var args : new String[][] {{"-V"}, {"--version"}, {"db", "-V"}, {"db", "migrate", "--version"}}) {
            var version = run(neverStarted, "", args);
            assertThat(version.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(version.out()).as(String.join(" ", args)).startsWith("keel ");
        }
    }

    @Test
    void refusesUnknownOrIncompleteCommandsWithTheUsageExitCode() {
        Supplier<ConfigurableApplicationContext> neverStarted = () -> {
            throw new AssertionError("a usage error must not start the application");
        };

        assertThat(run(neverStarted, "", "reticulate", "splines").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(neverStarted, "", "db").exitCode()).isEqualTo(ExitCodes.USAGE);
        var noEmail = run(neverStarted, PASSWORD, "users", "create-admin", "--password-stdin");
        assertThat(noEmail.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noEmail.err()).contains("--email");
    }

    @Test
    void migratesWithNothingButTheDatabaseConfiguredAlsoInProduction() {
        var fresh = ScratchDatabase.create();
        Supplier<ConfigurableApplicationContext> neverStarted = () -> {
            throw new AssertionError("db migrate must not start the whole application");
        };
        // As the runbook has it: the prod profile and the SPRING_DATASOURCE_* settings, nothing else.
        Supplier<ConfigurableApplicationContext> databaseOnly = () -> {
            var application = new SpringApplication(DatabaseOnly.class);
            application.setAdditionalProfiles("prod");
            application.addInitializers(
                    context -> context.getBeanFactory().registerSingleton("database", fresh.details()));
            return OpsCommandLine.start(application);
        };

        var migrated = run(neverStarted, databaseOnly, "", "db", "migrate");

        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        assertThat(migrated.err()).isEmpty();
        assertThat(fresh.jdbc()
                        .sql("select count(*) from databasechangelog")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void migratesAFreshDatabaseOnceAndThenFindsNothingToDo() {
        var fresh = ScratchDatabase.create();

        var first = run(keelOn(fresh), "", "db", "migrate");
        var second = run(keelOn(fresh), "", "db", "migrate");

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).containsPattern("applied [1-9]\\d* change sets now");
        assertThat(fresh.jdbc()
                        .sql("select count(*) from users")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("applied 0 change sets now");
    }

    @Test
    void createsAnAdminWithThePasswordFromStandardInput() {
        var email = "ops-" + UUID.randomUUID() + "@example.com";

        var created =
                run(keelOn(database), PASSWORD + "\n", "users", "create-admin", "--email", email, "--password-stdin");

        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).contains("Created admin " + email);
        assertThat(database.jdbc()
                        .sql("select roles from users where email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .contains("ADMIN");
        assertThat(created.out() + created.err()).doesNotContain(PASSWORD);
    }

    @Test
    void finishesTheListenersOfItsEventsBeforeStoppingAndLeavesTheMailToTheServer(CapturedOutput output) {
        var email = "welcomed-" + UUID.randomUUID() + "@example.com";
        int logged = output.length();

        var created = run(
                keelOn(database, SlowWelcome.class),
                PASSWORD + "\n",
                "users",
                "create-admin",
                "--email",
                email,
                "--password-stdin");

        assertThat(created.exitCode()).isZero();
        assertThat(SlowWelcome.WELCOMED).contains(email);
        var userId = database.jdbc()
                .sql("select id from users where email = ?")
                .param(email)
                .query(UUID.class)
                .single();
        assertThat(database.jdbc()
                        .sql("select type from inbox_messages where user_id = ?")
                        .param(userId)
                        .query(String.class)
                        .list())
                .containsExactly("welcome");
        // Owed, not sent: an ops command starts no delivery; the server's worker sends it.
        assertThat(database.jdbc()
                        .sql("select status from email_deliveries where user_id = ?")
                        .param(userId)
                        .query(String.class)
                        .list())
                .containsExactly("OWED");
        // Completed (and so deleted) by every listener, the slow one included, before the application stopped.
        assertThat(database.jdbc()
                        .sql("select count(*) from event_publication where serialized_event like ?")
                        .param("%" + email + "%")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(output.toString().substring(logged)).doesNotContain("Unexpected exception", "ERROR");
    }

    @Test
    void answersAnExistingAdminWithItsOwnExitCode() {
        var email = "again-" + UUID.randomUUID() + "@example.com";
        run(keelOn(database), PASSWORD, "users", "create-admin", "--email", email, "--password-stdin");

        var again = run(keelOn(database), PASSWORD, "users", "create-admin", "--email", email, "--password-stdin");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.ALREADY_EXISTS);
        assertThat(again.err()).contains("email_taken");
    }

    @Test
    void refusesAShortOrMissingPassword() {
        var email = "short-" + UUID.randomUUID() + "@example.com";

        var tooShort = run(keelOn(database), "short\n", "users", "create-admin", "--email", email, "--password-stdin");
        var missing = run(keelOn(database), "", "users", "create-admin", "--email", email, "--password-stdin");

        assertThat(tooShort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooShort.err()).contains("password: must be between 10 and 128 characters");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no password on standard input");
        assertThat(database.jdbc()
                        .sql("select count(*) from users where email = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void seedsTheBenchmarkDataOnceAndRenewsItWithTheBillingCycle() {
        var seeded = run(keelOn(database), "", "seed", "bench", "--users", "3");
        var again = run(keelOn(database), "", "seed", "bench", "--users", "3");
        assertThat(seeded.exitCode()).isZero();
        assertThat(seeded.out()).contains("3 of 3 users", "Seeded 3 benchmark users with 30 invoices each");
        assertThat(again.exitCode()).isZero();
        assertThat(count("select count(*) from users where email like 'bench-user-%@example.com'"))
                .isEqualTo(3);
        assertThat(count("select count(*) from invoices")).isEqualTo(90);
        // Every period ends a minute ago: the next run renews each subscription once.
        database.jdbc().sql("""
                        update subscriptions
                        set current_period_end = now() - interval '1 minute',
                            next_action_at = now() - interval '1 minute',
                            current_period_start = now() - interval '1 minute' - interval '1 month',
                            billing_anchor = now() - interval '1 minute' - interval '1 month'
                        """).update();

        var cycle = run(keelOn(database), "", "billing", "run-cycle");
        var rerun = run(keelOn(database), "", "billing", "run-cycle");

        assertThat(cycle.exitCode()).isZero();
        assertThat(cycle.out()).contains("3 renewed", "0 failed charges", "(3 in total)");
        assertThat(rerun.out()).contains("(0 in total)");
        assertThat(count("select count(*) from invoices")).isEqualTo(93);
    }

    @Test
    void refusesANonsensicalNumberOfBenchmarkUsers() {
        assertThat(run(keelOn(database), "", "seed", "bench", "--users", "0").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(run(keelOn(database), "", "seed", "bench").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private int count(String sql) {
        return database.jdbc().sql(sql).query(Integer.class).single();
    }

    @Test
    void resubmitsAFailedEventPublicationAndWaitsUntilItCompletes() throws Exception {
        publishWhileTheListenerFails();
        assertThat(incompletePublications()).isEqualTo(1);
        FlakyListener.FAILING.set(false);
        // Other commands' events (the welcome mail of an admin created above) may be outstanding as well.
        var outstanding = database.jdbc()
                .sql("select count(*) from event_publication where completion_date is null")
                .query(Integer.class)
                .single();

        var resubmitted = run(
                keelOn(database, FlakyListener.class), "", "events", "resubmit", "--older-than=PT0S", "--wait=PT30S");

        assertThat(resubmitted.exitCode()).isZero();
        assertThat(resubmitted.out())
                .contains(
                        "Resubmitting " + outstanding + " incomplete",
                        outstanding + " of " + outstanding + " publications completed (100%)",
                        "All " + outstanding + " resubmitted publications completed");
        assertThat(FlakyListener.HANDLED.get()).isEqualTo(1);
        assertThat(incompletePublications()).isZero();
    }

    @Test
    void reportsPublicationsWhoseListenersStillFail() throws Exception {
        publishWhileTheListenerFails();

        var resubmitted = run(
                keelOn(database, FlakyListener.class), "", "events", "resubmit", "--older-than=PT0S", "--wait=PT2S");

        assertThat(resubmitted.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(resubmitted.err()).contains("still incomplete");
        database.jdbc().sql("delete from event_publication").update();
    }

    /** Commits an event on a running application whose listener fails, so that its publication stays incomplete. */
    private static void publishWhileTheListenerFails() throws InterruptedException {
        FlakyListener.FAILING.set(true);
        var failed = FlakyListener.failures();
        try (var application = keelOn(database, FlakyListener.class).get()) {
            application
                    .getBean(TransactionTemplate.class)
                    .executeWithoutResult(status -> application.publishEvent(new OpsProbe(UUID.randomUUID())));
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** This test's own probe events; other commands' events (an admin's welcome mail) are not counted. */
    private static int incompletePublications() {
        return database.jdbc()
                .sql("select count(*) from event_publication where completion_date is null and event_type = ?")
                .param(OpsProbe.class.getName())
                .query(Integer.class)
                .single();
    }

    record Outcome(int exitCode, String out, String err) {}

    static Outcome run(Supplier<ConfigurableApplicationContext> starter, String stdin, String... args) {
        return run(starter, starter, stdin, args);
    }

    static Outcome run(
            Supplier<ConfigurableApplicationContext> starter,
            Supplier<ConfigurableApplicationContext> databaseStarter,
            String stdin,
            String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commands = new OpsCommandLine(
                starter, databaseStarter, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int exitCode = commands.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    /** The application as {@code java -jar keel.jar} starts it for a command, on the given database. */
    static Supplier<ConfigurableApplicationContext> keelOn(ScratchDatabase database, Class<?>... extra) {
        return () -> {
            var sources = new Class<?>[extra.length + 1];
            sources[0] = KeelApplication.class;
            System.arraycopy(extra, 0, sources, 1, extra.length);
            var application = new SpringApplication(sources);
            application.addInitializers(database);
            // Mail stays in memory: no SMTP server in these tests.
            application.addInitializers(context -> context.getEnvironment()
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "ops-tests", java.util.Map.of("keel.notifications.email.capture", "true"))));
            return OpsCommandLine.start(application);
        };
    }

    record OpsProbe(UUID id) {}

    /** Another listener of new accounts, slow enough that the command ends long before it does. Added explicitly. */
    static class SlowWelcome {

        static final Set<String> WELCOMED = ConcurrentHashMap.newKeySet();

        @Bean
        SlowWelcomeListener slowWelcomeListener() {
            return new SlowWelcomeListener();
        }

        static class SlowWelcomeListener {

            @ApplicationModuleListener
            void on(UserRegistered registered) throws InterruptedException {
                Thread.sleep(1_000);
                WELCOMED.add(registered.email());
            }
        }
    }

    /** Fails while {@link #FAILING} is set, so that its publications stay incomplete. Added explicitly. */
    static class FlakyListener {

        static final AtomicBoolean FAILING = new AtomicBoolean();
        static final AtomicInteger HANDLED = new AtomicInteger();
        static volatile CountDownLatch failed = new CountDownLatch(1);

        static CountDownLatch failures() {
            failed = new CountDownLatch(1);
            return failed;
        }

        @Bean
        ProbeListener probeListener() {
            return new ProbeListener();
        }

        static class ProbeListener {

            @ApplicationModuleListener
            void on(OpsProbe probe) {
                if (FAILING.get()) {
                    failed.countDown();
                    throw new IllegalStateException("failing on purpose for " + probe.id());
                }
                HANDLED.incrementAndGet();
            }
        }
    }
}
