package dev.keel.ops;

import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;

@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Database schema.",
        subcommands = DatabaseCommands.Migrate.class)
final class DatabaseCommands extends CommandGroup {

    private static final String MASTER_CHANGELOG = "classpath:/db/changelog/db.changelog-master.yaml";

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = {
                "Applies the Liquibase change sets the database has not run yet, then exits.",
                "Run it once per release before the new version starts (the Helm chart does, in a pre-install and"
                        + " pre-upgrade hook); the application itself starts with Liquibase disabled there.",
                "Safe to re-run and to run concurrently: Liquibase's lock lets one runner at a time apply changes."
            })
    static final class Migrate extends OpsCommand {

        @Override
        int run() throws Exception {
            var database = database();
            var dataSource = database.getBean(DataSource.class);
            var jdbc = JdbcClient.create(dataSource);
            var changeLog = database.getEnvironment().getProperty("spring.liquibase.change-log", MASTER_CHANGELOG);
            int before = appliedChangeSets(jdbc);
            out().println("Migrating the database with " + changeLog + " (" + before + " change sets applied so far)");

            var liquibase = new SpringLiquibase();
            liquibase.setDataSource(dataSource);
            liquibase.setChangeLog(changeLog);
            liquibase.setResourceLoader(database);
            liquibase.afterPropertiesSet();

            int after = appliedChangeSets(jdbc);
            out().println("Database up to date: applied " + (after - before) + " change sets now, " + after
                    + " in total");
            return ExitCodes.OK;
        }

        private static int appliedChangeSets(JdbcClient jdbc) {
            boolean exists = jdbc.sql("select to_regclass('databasechangelog') is not null")
                    .query(Boolean.class)
                    .single();
            return exists
                    ? jdbc.sql("select count(*) from databasechangelog")
                            .query(Integer.class)
                            .single()
                    : 0;
        }
    }
}
