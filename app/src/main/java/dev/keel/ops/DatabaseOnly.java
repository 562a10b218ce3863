package dev.keel.ops;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code db migrate} starts: a DataSource configured from {@code spring.datasource.*} and nothing of
 * Keel's own, so that none of the server's required settings (signing secret, mail, public URL) is needed
 * to migrate, and nothing reads tables the migration has yet to create.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
class DatabaseOnly {}
