package dev.keel.users;

import static dev.keel.test.Api.PASSWORD;
import static dev.keel.test.Api.field;
import static dev.keel.test.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ApplicationModuleTest
@AutoConfigureMockMvc
class AuthenticationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JwtEncoder jwtEncoder;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void issuesSignedAccessTokenAndRefreshToken() {
        var email = uniqueEmail();
        api.register(email, PASSWORD);

        var result = api.signIn(email.toUpperCase(Locale.ROOT), PASSWORD);

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.tokenType").isEqualTo("Bearer");
        assertThat(result).bodyJson().extractingPath("$.expiresIn").isEqualTo(900);
        assertThat(result).bodyJson().extractingPath("$.refreshToken").isNotNull();
        String header = new String(
                Base64.getUrlDecoder().decode(field(result, "$.accessToken").split("\\.", -1)[0]),
                StandardCharsets.UTF_8);
        assertThat(header).contains("HS256");
        assertThat(result).hasHeader("RateLimit-Limit", "10");
        // A successful sign-in does not count against the account's limit.
        assertThat(result).hasHeader("RateLimit-Remaining", "10");
    }

    @Test
    void refusesUnknownEmailAndWrongPasswordAlike() {
        var email = uniqueEmail();
        api.register(email, PASSWORD);

        var wrongPassword = api.signIn(email, "not the password at all");
        var unknownEmail = api.signIn(uniqueEmail(), PASSWORD);

        for (var result : List.of(wrongPassword, unknownEmail)) {
            assertThat(result)
                    .hasStatus(HttpStatus.UNAUTHORIZED)
                    .bodyJson()
                    .extractingPath("$.code")
                    .isEqualTo("invalid_credentials");
        }
        assertThat(Api.body(wrongPassword).replaceAll("\"traceId\":\"[^\"]+\"", ""))
                .isEqualTo(Api.body(unknownEmail).replaceAll("\"traceId\":\"[^\"]+\"", ""));
    }

    @Test
    void reportsTheLimitOnFailedSignInsToo() {
        var failed = api.signIn(uniqueEmail(), "not the password at all");

        assertThat(failed).hasStatus(HttpStatus.UNAUTHORIZED).hasHeader("RateLimit-Limit", "10");
        assertThat(failed).hasHeader("RateLimit-Remaining", "9");
    }

    @Test
    void ignoresAStaleAccessTokenOnThePublicEndpoints() {
        var session = api.newSession();
        var expired = "Bearer "
                + token(
                        session.userId(),
                        Instant.now().minusSeconds(3600),
                        Instant.now().minusSeconds(60));

        var refreshed = mvc.post()
                .uri("/api/v1/auth/refresh")
                .header("Authorization", expired)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"refreshToken\": \"%s\"}".formatted(session.refreshToken()))
                .exchange();
        var signedIn = mvc.post()
                .uri("/api/v1/auth/token")
                .header("Authorization", "Bearer garbage")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\": \"%s\", \"password\": \"%s\"}".formatted(session.email(), PASSWORD))
                .exchange();

        assertThat(refreshed).hasStatusOk();
        assertThat(signedIn).hasStatusOk();
    }

    @Test
    void limitsSignInAttemptsPerAccount() {
        var email = uniqueEmail();
        api.register(email, PASSWORD);
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(api.signIn(email, "wrong password " + attempt)).hasStatus(HttpStatus.UNAUTHORIZED);
        }

        var limited = api.signIn(email, PASSWORD);

        assertThat(limited)
                .hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("rate_limited");
        assertThat(limited.getResponse().getHeader("Retry-After")).matches("[1-9][0-9]*");
        assertThat(limited).hasHeader("RateLimit-Remaining", "0");
    }

    @Test
    void rotatesRefreshTokensAndRevokesTheFamilyOnReuse() {
        var session = api.newSession();

        var first = refresh(session.refreshToken());
        assertThat(first).hasStatusOk();
        String rotated = field(first, "$.refreshToken");
        assertThat(rotated).isNotEqualTo(session.refreshToken());

        var reuse = refresh(session.refreshToken());
        assertThat(reuse)
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");

        // The reuse revoked the family, so even the legitimately rotated token is dead now.
        assertThat(refresh(rotated)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void treatsAConcurrentSecondUseAsReuse() throws Exception {
        var session = api.newSession();
        var executor = Executors.newFixedThreadPool(2);
        List<MvcTestResult> results = new ArrayList<>();
        try {
            for (var future : executor.invokeAll(List.<Callable<MvcTestResult>>of(
                    () -> refresh(session.refreshToken()), () -> refresh(session.refreshToken())))) {
                results.add(future.get());
            }
        } finally {
            executor.shutdownNow();
        }

        var statuses =
                results.stream().map(result -> result.getResponse().getStatus()).toList();
        assertThat(statuses).containsExactlyInAnyOrder(200, 401);
        var winner = results.stream()
                .filter(result -> result.getResponse().getStatus() == 200)
                .findFirst()
                .orElseThrow();
        // The loser's attempt is reuse of a spent token: the winner's new token dies with the family.
        assertThat(refresh(field(winner, "$.refreshToken"))).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void logoutRevokesTheFamily() {
        var session = api.newSession();

        var logout = api.post("/api/v1/auth/logout", "{\"refreshToken\": \"%s\"}".formatted(session.refreshToken()));

        assertThat(logout).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(refresh(session.refreshToken())).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void refusesOverlongTokensByNameInsteadOfIgnoringThem() {
        var overlong = "x".repeat(AuthController.MAX_TOKEN_LENGTH + 1);

        var logout = api.post("/api/v1/auth/logout", "{\"refreshToken\": \"%s\"}".formatted(overlong));

        assertThat(logout)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("refreshToken");
    }

    @Test
    void refusesUnknownRefreshToken() {
        assertThat(refresh("not-a-token"))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("invalid_token");
    }

    @Test
    void refusesExpiredTamperedAndUnsignedTokens() {
        var session = api.newSession();
        var expired = token(
                session.userId(),
                Instant.now().minusSeconds(3600),
                Instant.now().minusSeconds(60));
        var parts = session.accessToken().split("\\.", -1);
        var tampered = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        var forgedClaims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("{\"iss\":\"keel\",\"sub\":\"" + session.userId() + "\",\"roles\":[\"ADMIN\"],\"exp\":"
                                + Instant.now().plusSeconds(600).getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8));
        var unsigned = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + forgedClaims + ".";
        var otherClaims = parts[0] + "." + forgedClaims + "." + parts[2];

        for (var token : List.of(expired, tampered, unsigned, otherClaims, "garbage")) {
            var result = mvc.get()
                    .uri("/api/v1/users/me")
                    .header("Authorization", "Bearer " + token)
                    .exchange();
            assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
            assertThat(result.getResponse().getHeader("WWW-Authenticate")).startsWith("Bearer");
            assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("unauthenticated");
        }
    }

    @Test
    void refusesTokenOfAnotherIssuer() {
        var session = api.newSession();
        var claims = JwtClaimsSet.builder()
                .issuer("someone-else")
                .subject(session.userId().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .build();
        var token = jwtEncoder
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();

        assertThat(mvc.get().uri("/api/v1/users/me").header("Authorization", "Bearer " + token))
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void answersUnknownApiRoutesWith404EvenWithoutToken() {
        var result = mvc.get().uri("/api/v1/no-such-thing").exchange();

        assertThat(result)
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("not_found");
    }

    private String token(UUID userId, Instant issuedAt, Instant expiresAt) {
        var claims = JwtClaimsSet.builder()
                .issuer("keel")
                .subject(userId.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("roles", List.of("USER"))
                .build();
        return jwtEncoder
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private MvcTestResult refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(refreshToken));
    }
}
