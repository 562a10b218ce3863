package dev.keel.ops;

import dev.keel.platform.web.FieldViolation;
import dev.keel.platform.web.KeelProblem;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs one ops command: parses the arguments with picocli, starts the application without a web server
 * only when a command needs it (never for {@code --help} or a usage error), and turns the outcome into an
 * exit code (see {@link ExitCodes}).
 */
public final class OpsCommandLine {

    private static final Logger LOG = LoggerFactory.getLogger(OpsCommandLine.class);

    /**
     * How long a finished command waits for the asynchronous listeners of its events (welcome mail, in-app
     * messages) before the application stops; what is still running then is resubmitted by the server.
     */
    private static final Duration BACKGROUND_WORK_LIMIT = Duration.ofSeconds(30);

    private final Supplier<ConfigurableApplicationContext> starter;
    private final Supplier<ConfigurableApplicationContext> databaseStarter;
    private final InputStream in;
    private @Nullable ConfigurableApplicationContext application;

    /** Commands that need only the database get it from the same starter as the others. */
    OpsCommandLine(Supplier<ConfigurableApplicationContext> starter, InputStream in) {
        this(starter, starter, in);
    }

    /**
     * @param starter starts the whole application, for the commands that use Keel's modules
     * @param databaseStarter starts only a DataSource, for the commands that need nothing else
     */
    OpsCommandLine(
            Supplier<ConfigurableApplicationContext> starter,
            Supplier<ConfigurableApplicationContext> databaseStarter,
            InputStream in) {
        this.starter = starter;
        this.databaseStarter = databaseStarter;
        this.in = in;
    }

    /** What the command line answers itself, without starting anything: help and the version. */
    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    /**
     * An ops command starts with a word ({@code db migrate}) or asks for help or the version; every other
     * argument list is the server's ({@code --server.port=9090}).
     */
    public static boolean isCommand(String... args) {
        return args.length > 0 && (!args[0].startsWith("-") || OWN_OPTIONS.contains(args[0]));
    }

    /** Runs the command on the given application class, on the process's terminal. */
    public static int run(Class<?> applicationClass, String... args) {
        var commands = new OpsCommandLine(
                () -> start(new SpringApplication(applicationClass)),
                () -> start(new SpringApplication(DatabaseOnly.class)),
                System.in);
        return commands.execute(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }

    /**
     * Starts the application as every command needs it: no web server, no Liquibase (only {@code db migrate}
     * migrates, explicitly), no republishing of events at start (only {@code events resubmit} does that),
     * and quiet logs so that the command's own output stands out. The logging level stays configurable.
     * The application task executor counts its tasks, so that the command can wait for them before it stops.
     */
    static ConfigurableApplicationContext start(SpringApplication application) {
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addInitializers(
                context -> context.getBeanFactory().registerSingleton("backgroundTasks", new BackgroundTasks()));
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setDefaultProperties(Map.of("logging.level.root", "WARN"));
        return application.run(
                "--spring.liquibase.enabled=false",
                // A command does its one job: no scheduled background work (deliveries, cycles, cleanups).
                "--keel.scheduling.enabled=false",
                "--spring.modulith.events.republish-outstanding-events-on-restart=false");
    }

    int execute(PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new KeelCommand(this))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(this::failed);
        listExitCodes(commandLine);
        try {
            return commandLine.execute(args);
        } finally {
            var started = application;
            if (started != null) {
                awaitBackgroundWork(started);
                started.close();
            }
        }
    }

    /**
     * Lets the listeners that the command's events started finish while the application still runs: closed
     * under them, they would fail (and be logged as uncaught) with their work half done.
     */
    private static void awaitBackgroundWork(ConfigurableApplicationContext application) {
        var tasks = application.getBeanProvider(BackgroundTasks.class).getIfAvailable();
        if (tasks == null) {
            return;
        }
        try {
            int unfinished = tasks.awaitAll(BACKGROUND_WORK_LIMIT);
            if (unfinished > 0) {
                LOG.warn(
                        "Stopping with {} event listeners still running after {}; the server resubmits their events",
                        unfinished,
                        BACKGROUND_WORK_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void listExitCodes(CommandLine command) {
        command.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.descriptions());
        command.getSubcommands().values().forEach(OpsCommandLine::listExitCodes);
    }

    /** The application, started on first use and closed when the command ends. */
    ConfigurableApplicationContext application() {
        return started(starter);
    }

    /**
     * Only a DataSource from {@code spring.datasource.*}, started on first use: a command that needs nothing
     * else (such as {@code db migrate}) needs no other setting either, whatever the profile requires of the
     * server.
     */
    ConfigurableApplicationContext database() {
        return started(databaseStarter);
    }

    private ConfigurableApplicationContext started(Supplier<ConfigurableApplicationContext> how) {
        var started = application;
        if (started == null) {
            started = how.get();
            application = started;
        }
        return started;
    }

    InputStream in() {
        return in;
    }

    private int failed(Exception failure, CommandLine command, ParseResult parsed) {
        var err = command.getErr();
        if (failure instanceof KeelProblem problem) {
            err.println("error: " + problem.getBody().getDetail() + " (" + problem.code() + ")");
            var properties = problem.getBody().getProperties();
            if (properties != null && properties.get("errors") instanceof List<?> errors) {
                errors.stream()
                        .filter(FieldViolation.class::isInstance)
                        .map(FieldViolation.class::cast)
                        .forEach(violation -> err.println("  " + violation.field() + ": " + violation.message()));
            }
            return ExitCodes.forProblem(problem.code());
        }
        var cause = NestedExceptionUtils.getMostSpecificCause(failure);
        err.println("error: " + command.getCommandName() + " failed: " + cause.getMessage());
        return ExitCodes.FAILED;
    }
}
