package dev.keel.users;

import static dev.keel.test.Api.PASSWORD;
import static dev.keel.test.Api.field;
import static dev.keel.test.Api.nextCursor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@ApplicationModuleTest
@AutoConfigureMockMvc
class AdminUserTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AccountService accounts;

    Api api;
    Api.Session admin;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
        var email = Api.uniqueEmail();
        accounts.createAdmin(email, PASSWORD);
        admin = api.sessionOf(email, PASSWORD);
    }

    @Test
    void pagesThroughUsersNewestFirstWithFilters() {
        var marker = "page-" + UUID.randomUUID().toString().substring(0, 8);
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var result = api.register(marker + "-" + i + "@example.com", PASSWORD);
            ids.add(field(result, "$.id"));
        }

        var first = get("/api/v1/admin/users?email=" + marker + "&limit=2");
        assertThat(first)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[*].id")
                .asArray()
                .containsExactly(ids.get(4), ids.get(3));
        var cursor = nextCursor(first);
        var second = get("/api/v1/admin/users?email=" + marker + "&limit=2&cursor=" + cursor);
        assertThat(second).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly(ids.get(2), ids.get(1));
        var last = get("/api/v1/admin/users?email=" + marker + "&limit=2&cursor=" + nextCursor(second));
        assertThat(last).bodyJson().extractingPath("$.items[*].id").asArray().containsExactly(ids.get(0));
        assertThat(last).bodyJson().extractingPath("$.nextCursor").isNull();

        var disabledOnly = get("/api/v1/admin/users?email=" + marker + "&status=DISABLED");
        assertThat(disabledOnly).bodyJson().extractingPath("$.items").asArray().isEmpty();
    }

    @Test
    void listsUsersWithoutFilters() {
        var user = api.newSession();

        var result = get("/api/v1/admin/users");

        assertThat(result)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.items[0].id")
                .isEqualTo(user.userId().toString());
        assertThat(result).bodyJson().extractingPath("$.items").asArray().hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void refusesForgedCursorsAndBadLimits() {
        var forged = get("/api/v1/admin/users?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(forged)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("cursor");
        assertThat(get("/api/v1/admin/users?cursor=%%%")).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/v1/admin/users?limit=0")).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/v1/admin/users?limit=101"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("validation_failed");
        assertThat(get("/api/v1/admin/users?status=SLEEPING")).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void showsOneUserOr404() {
        var user = api.newSession();

        assertThat(get("/api/v1/admin/users/" + user.userId()))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.email")
                .isEqualTo(user.email());
        assertThat(get("/api/v1/admin/users/" + UUID.randomUUID()))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("not_found");
        assertThat(get("/api/v1/admin/users/not-a-uuid")).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void grantsAdminRole() {
        var user = api.newSession();
        assertThat(mvc.get().uri("/api/v1/admin/users").header("Authorization", user.bearer()))
                .hasStatus(HttpStatus.FORBIDDEN);

        var granted = patch(user.userId(), "{\"roles\": [\"USER\", \"ADMIN\"]}");

        assertThat(granted)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.roles")
                .asArray()
                .containsExactly("ADMIN", "USER");
        // Roles come from the account, not the token, so the existing token gains them at once.
        assertThat(mvc.get().uri("/api/v1/admin/users").header("Authorization", user.bearer()))
                .hasStatusOk();
    }

    @Test
    void disablingLocksOutExistingTokensAndSignIn() {
        var user = api.newSession();

        var disabled = patch(user.userId(), "{\"status\": \"DISABLED\"}");

        assertThat(disabled).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("DISABLED");
        assertThat(mvc.get().uri("/api/v1/users/me").header("Authorization", user.bearer()))
                .hasStatus(HttpStatus.FORBIDDEN)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("account_disabled");
        assertThat(api.post("/api/v1/auth/refresh", "{\"refreshToken\": \"%s\"}".formatted(user.refreshToken())))
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.signIn(user.email(), "a wrong password")).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(api.signIn(user.email(), PASSWORD))
                .hasStatus(HttpStatus.FORBIDDEN)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("account_disabled");

        assertThat(patch(user.userId(), "{\"status\": \"ACTIVE\"}")).hasStatusOk();
        assertThat(api.signIn(user.email(), PASSWORD)).hasStatusOk();
    }

    @Test
    void adminCannotDemoteOrDisableThemselves() {
        for (var body : List.of("{\"roles\": [\"USER\"]}", "{\"status\": \"DISABLED\"}")) {
            assertThat(patch(admin.userId(), body))
                    .hasStatus(HttpStatus.CONFLICT)
                    .bodyJson()
                    .extractingPath("$.code")
                    .isEqualTo("conflict");
        }
        assertThat(get("/api/v1/admin/users/" + admin.userId()))
                .bodyJson()
                .extractingPath("$.roles")
                .asArray()
                .contains("ADMIN");
    }

    @Test
    void usersCannotEscalateThroughAdminPatch() {
        var user = api.newSession();

        var result = mvc.patch()
                .uri("/api/v1/admin/users/" + user.userId())
                .header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"roles\": [\"ADMIN\"]}")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(get("/api/v1/admin/users/" + user.userId()))
                .bodyJson()
                .extractingPath("$.roles")
                .asArray()
                .containsExactly("USER");
    }

    @Test
    void rejectsUnknownRoleOrStatus() {
        var user = api.newSession();

        assertThat(patch(user.userId(), "{\"roles\": [\"ROOT\"]}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.code")
                .isEqualTo("validation_failed");
        assertThat(patch(user.userId(), "{\"status\": \"GONE\"}")).hasStatus(HttpStatus.BAD_REQUEST);
    }

    private MvcTestResult get(String path) {
        return mvc.get().uri(path).header("Authorization", admin.bearer()).exchange();
    }

    private MvcTestResult patch(UUID id, String json) {
        return mvc.patch()
                .uri("/api/v1/admin/users/" + id)
                .header("Authorization", admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }
}
