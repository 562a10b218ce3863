package dev.keel.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The notification preferences as a single resource: an ETag, and If-Match on replacing them. */
class PreferencesTests extends ApplicationTest {

    static final String PATH = "/api/v1/notification-preferences";

    static final String BILLING_QUIET = """
            {"categories": {
              "account": {"email": true, "inApp": true, "webhook": true},
              "billing": {"email": false, "inApp": true, "webhook": false},
              "security": {"email": true, "inApp": true, "webhook": true}}}
            """;

    static final String ACCOUNT_QUIET = """
            {"categories": {
              "account": {"email": false, "inApp": false, "webhook": true},
              "billing": {"email": true, "inApp": true, "webhook": true},
              "security": {"email": true, "inApp": true, "webhook": true}}}
            """;

    @Test
    void carryAnETagThatAnswersNotModified() {
        var session = api.newSession();

        var etag = etagOf(session);
        var again = mvc.get()
                .uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, session.bearer())
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange();

        assertThat(etag).isNotBlank();
        assertThat(again).hasStatus(HttpStatus.NOT_MODIFIED);
    }

    @Test
    void replacesWithTheCurrentETagAndAnswersTheNewOne() {
        var session = api.newSession();
        var etag = etagOf(session);

        var replaced = put(session, BILLING_QUIET, etag);

        assertThat(replaced).hasStatusOk().bodyJson().isEqualTo(BILLING_QUIET);
        var newEtag = replaced.getResponse().getHeader(HttpHeaders.ETAG);
        assertThat(newEtag).isNotBlank().isNotEqualTo(etag).isEqualTo(etagOf(session));
    }

    @Test
    void refusesAStaleIfMatchAndChangesNothing() {
        var session = api.newSession();
        var stale = etagOf(session);
        assertThat(put(session, BILLING_QUIET, stale)).hasStatusOk();

        var refused = put(session, ACCOUNT_QUIET, stale);

        assertThat(refused)
                .hasStatus(HttpStatus.PRECONDITION_FAILED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("precondition_failed");
        assertThat(api.get(PATH, session)).bodyJson().isEqualTo(BILLING_QUIET);
    }

    @Test
    void replacesWithoutIfMatchWhateverIsStored() {
        var session = api.newSession();
        assertThat(put(session, BILLING_QUIET, null)).hasStatusOk();

        var replaced = put(session, ACCOUNT_QUIET, null);

        assertThat(replaced).hasStatusOk().bodyJson().isEqualTo(ACCOUNT_QUIET);
        assertThat(replaced.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo(etagOf(session));
    }

    @Test
    void letOnlyOneOfTwoConcurrentWritersWithTheSameETagWin() throws Exception {
        // A user who never chose has no rows yet: the hardest case for locking them.
        for (int round = 0; round < 5; round++) {
            var session = api.newSession();
            var etag = etagOf(session);
            var start = new CountDownLatch(1);
            var statuses = new ArrayList<Integer>();
            try (var writers = Executors.newFixedThreadPool(2)) {
                var results = new ArrayList<Future<Integer>>();
                for (var body : List.of(BILLING_QUIET, ACCOUNT_QUIET)) {
                    Callable<Integer> write = () -> {
                        start.await();
                        return put(session, body, etag).getResponse().getStatus();
                    };
                    results.add(writers.submit(write));
                }
                start.countDown();
                for (var result : results) {
                    statuses.add(result.get());
                }
            }

            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        }
    }

    @Test
    void documentTheETagAndIfMatch() {
        var docs = NotificationsApi.body(mvc.get().uri("/v3/api-docs").exchange());
        var operations = "$.paths['" + PATH + "']";

        assertThat((Map<String, Object>) JsonPath.read(docs, operations + ".get.responses.200.headers"))
                .containsKey("ETag");
        assertThat((Map<String, Object>) JsonPath.read(docs, operations + ".put.responses"))
                .containsKeys("200", "412");
        assertThat((Map<String, Object>) JsonPath.read(docs, operations + ".put.responses.200"))
                .containsKeys("headers", "content");
        assertThat((List<String>) JsonPath.read(docs, operations + ".put.parameters[*].name"))
                .contains("If-Match");
    }

    private String etagOf(NotificationsApi.Session session) {
        var current = api.get(PATH, session);
        assertThat(current).hasStatusOk();
        return String.valueOf(current.getResponse().getHeader(HttpHeaders.ETAG));
    }

    private MvcTestResult put(NotificationsApi.Session session, String body, @Nullable String ifMatch) {
        var request = mvc.put()
                .uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, session.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.exchange();
    }
}
