package dev.keel.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.test.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The configured first admin is created at the first start, and only then. */
@ApplicationModuleTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "keel.bootstrap-admin.email=" + BootstrapAdminTests.EMAIL,
            "keel.bootstrap-admin.password=" + BootstrapAdminTests.PASSWORD
        })
class BootstrapAdminTests {

    static final String EMAIL = "First.Admin@example.com";
    static final String PASSWORD = "a configured admin password";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    BootstrapAdmin bootstrap;

    @Autowired
    UserRepository users;

    @Test
    void createsTheConfiguredAdminOnceAndNotAgainAfterItWasDeleted() {
        var api = new Api(mvc);
        var admin = api.sessionOf(EMAIL, PASSWORD);
        assertThat(api.get("/api/v1/admin/users", admin)).hasStatusOk();

        // A restart while the admin exists changes nothing.
        bootstrap.run(new DefaultApplicationArguments());
        assertThat(api.get("/api/v1/admin/users", admin)).hasStatusOk();

        var deleted = mvc.delete()
                .uri("/api/v1/users/me")
                .header("Authorization", admin.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\": \"%s\"}".formatted(PASSWORD))
                .exchange();
        assertThat(deleted).hasStatus(HttpStatus.NO_CONTENT);

        // The next start, on this replica or another, does not bring the deleted admin back.
        bootstrap.run(new DefaultApplicationArguments());

        assertThat(users.existsByEmail(EMAIL)).isFalse();
        assertThat(api.signIn(EMAIL, PASSWORD)).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void recognisesTheEmailWhateverItsCase() {
        assertThat(BootstrapAdmin.hash("First.Admin@example.com"))
                .isEqualTo(BootstrapAdmin.hash("first.admin@EXAMPLE.com"));
    }
}
