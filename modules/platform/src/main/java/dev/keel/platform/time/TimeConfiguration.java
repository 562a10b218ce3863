package dev.keel.platform.time;

import java.time.Clock;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    ApplicationClock clock() {
        return new ApplicationClock(Clock.systemUTC());
    }

    @Bean(initMethod = "restore")
    @ConditionalOnBooleanProperty("keel.time-travel.enabled")
    TimeTravel timeTravel(ApplicationClock clock, JdbcClient jdbc) {
        return new TimeTravel(clock, jdbc);
    }

    /**
     * Cluster-wide locks for scheduled work, kept in PostgreSQL and timed by the database's clock, so
     * replicas with skewed clocks (or a travelled application clock) still agree who holds a lock.
     */
    @Bean
    JdbcTemplateLockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                // Named, not detected: ShedLock detects the database on first use, and a first use while the
                // database is down would leave it unknown, and every lock refused, until the next restart.
                .withDatabaseProduct(DatabaseProduct.POSTGRES_SQL)
                .usingDbTime()
                .build());
    }

    @Bean
    ClusterLock clusterLock(JdbcTemplateLockProvider lockProvider) {
        return new ShedLockClusterLock(lockProvider);
    }
}
