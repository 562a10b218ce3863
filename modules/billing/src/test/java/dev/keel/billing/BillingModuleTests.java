package dev.keel.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.platform.web.Problems;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.test.ApplicationModuleTest;

@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES)
class BillingModuleTests {

    static final ApplicationModules modules = ApplicationModules.of("dev.keel");

    @Autowired
    ApplicationContext context;

    @Test
    void bootstrapsWithItsDeclaredDependenciesOnly() {
        // The shared platform module comes along, so the module's endpoints get the common conventions.
        assertThat(context.getBeansOfType(Problems.class)).hasSize(1);
        var billing = modules.getModuleByName("billing").orElseThrow();

        assertThat(billing.getDirectDependencies(modules)
                        .uniqueModules()
                        .map(module -> module.getIdentifier().toString()))
                .isSubsetOf("platform", "users");
    }
}
