package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import dev.keel.UsersTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas on one database, each with an account cache that would keep an account for an hour: a
 * change committed on one reaches the other within a second, through the cluster signal alone.
 */
class ReplicaCoherenceTests {

    static final Duration WITHIN = Duration.ofSeconds(1);

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoReplicas() {
        first = replica();
        second = replica();
    }

    @AfterAll
    static void stopReplicas() {
        second.close();
        first.close();
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(UsersTestApplication.class)
                .properties("server.port=0", "keel.users.account-cache-ttl=PT1H")
                .run();
    }

    @Test
    void anAccountDisabledOnOneReplicaIsRefusedOnTheOtherWithinASecond() throws Exception {
        var account = register(first);
        assertThat(me(second, account.token()).statusCode()).isEqualTo(200); // cached on the second

        first.getBean(AccountAdministration.class)
                .update(UUID.randomUUID(), account.id(), null, UserStatus.DISABLED, null);

        await().atMost(WITHIN).untilAsserted(() -> {
            var refused = me(second, account.token());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("account_disabled");
        });
    }

    @Test
    void rolesAndProfileChangedOnOneReplicaShowOnTheOtherWithinASecond() throws Exception {
        var account = register(first);
        assertThat(get(second, "/api/v1/admin/users", account.token()).statusCode())
                .isEqualTo(403);
        assertThat(me(second, account.token()).body()).contains("\"Replica\"");

        first.getBean(AccountAdministration.class)
                .update(UUID.randomUUID(), account.id(), Set.of(Role.USER, Role.ADMIN), null, null);
        first.getBean(AccountService.class).rename(account.id(), "Renamed", null);

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(get(second, "/api/v1/admin/users", account.token()).statusCode())
                    .isEqualTo(200);
            assertThat(me(second, account.token()).body()).contains("\"Renamed\"");
        });
    }

    record Account(UUID id, String token) {}

    private static Account register(ConfigurableApplicationContext replica) throws Exception {
        var email = "replica-" + UUID.randomUUID() + "@example.com";
        var registered = post(replica, "/api/v1/users", """
                {"email":"%s","password":"correct-horse-battery","displayName":"Replica"}""".formatted(email));
        assertThat(registered.statusCode()).isEqualTo(201);
        var signedIn = post(replica, "/api/v1/auth/token", """
                {"email":"%s","password":"correct-horse-battery"}""".formatted(email));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        return new Account(
                UUID.fromString(JsonPath.read(registered.body(), "$.id")),
                "Bearer " + JsonPath.read(signedIn.body(), "$.accessToken"));
    }

    private static HttpResponse<String> me(ConfigurableApplicationContext replica, String token) throws Exception {
        return get(replica, "/api/v1/users/me", token);
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext replica, String path, String token)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(replica, path))
                        .header("Authorization", token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext replica, String path, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(replica, path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext replica, String path) {
        var port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return URI.create("http://localhost:" + port + path);
    }
}
