package dev.keel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTests {

    @Test
    void findsTheMetricsOfAnExpressionButNotItsFunctionsLabelsOrKeywords() {
        var expression = """
                histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{job="keel", \
                uri!~"/actuator.*"}[$__rate_interval]))) / on(instance) group_left max(up{job="keel"}) > bool 1
                or min_over_time(max(keel_event_publications_incomplete)[15m:1m]) > 0""";

        assertThat(PromQl.metricNames(expression))
                .containsExactly("http_server_requests_seconds_bucket", "keel_event_publications_incomplete", "up");
    }
}
