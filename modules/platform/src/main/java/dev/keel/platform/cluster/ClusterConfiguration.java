package dev.keel.platform.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    @Bean
    PostgresClusterSignals clusterSignals(JdbcClient jdbc, JdbcConnectionDetails database, MeterRegistry meters) {
        return new PostgresClusterSignals(jdbc, database, meters);
    }
}
