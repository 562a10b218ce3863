package dev.keel.users;

import static dev.keel.test.Api.PASSWORD;
import static dev.keel.test.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import dev.keel.test.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sign-in checks the password with no transaction, connection or row lock held: a hash takes ~100 ms and
 * may wait for its turn, and concurrent sign-ins holding connections meanwhile emptied the pool.
 */
@ApplicationModuleTest
@AutoConfigureMockMvc
class SignInHashingTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DataSource dataSource;

    @MockitoSpyBean
    PasswordEncoder passwordEncoder;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(mvc);
    }

    @Test
    void holdsNoTransactionNorConnectionWhileHashing() {
        var email = uniqueEmail();
        api.register(email, PASSWORD);
        List<Map<Object, Object>> boundWhileHashing = new ArrayList<>();
        List<Boolean> transactionWhileHashing = new ArrayList<>();
        doAnswer(invocation -> {
                    // MockMvc runs the request on this thread: whatever it holds is bound here.
                    boundWhileHashing.add(Map.copyOf(TransactionSynchronizationManager.getResourceMap()));
                    transactionWhileHashing.add(TransactionSynchronizationManager.isActualTransactionActive());
                    return invocation.callRealMethod();
                })
                .when(passwordEncoder)
                .matches(any(), any());

        assertThat(api.signIn(email, PASSWORD)).hasStatusOk();

        assertThat(transactionWhileHashing).containsExactly(false);
        assertThat(boundWhileHashing)
                .singleElement()
                .satisfies(bound -> assertThat(bound).isEmpty());
    }

    @Test
    void refusesAPasswordThatChangedWhileItWasChecked() {
        var email = uniqueEmail();
        api.register(email, PASSWORD);
        List<Integer> changed = new ArrayList<>();
        doAnswer(invocation -> {
                    boolean matched = (boolean) invocation.callRealMethod();
                    // Another request changes the password meanwhile; it must not wait for this sign-in.
                    var other = new JdbcTemplate(dataSource);
                    other.setQueryTimeout(2);
                    changed.add(other.update(
                            "UPDATE users SET password_hash = ? WHERE email = ?",
                            passwordEncoder.encode("a different passphrase"),
                            email));
                    return matched;
                })
                .when(passwordEncoder)
                .matches(any(), any());

        var result = api.signIn(email, PASSWORD);

        assertThat(changed).containsExactly(1);
        assertThat(result).hasStatus(401);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("invalid_credentials");
    }
}
