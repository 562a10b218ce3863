package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(KeelApplication.class);

    @Test
    void keepsModuleBoundaries() {
        MODULES.verify();
    }

    @Test
    void findsTheProductModules() {
        assertThat(MODULES.stream().map(module -> module.getIdentifier().toString()))
                .contains("platform", "users", "billing", "notifications");
    }

    @Test
    void letsDependenciesPointOnlyFromNotificationsTowardsUsers() {
        assertThat(dependsOn("users", "billing")).isFalse();
        assertThat(dependsOn("users", "notifications")).isFalse();
        assertThat(dependsOn("billing", "notifications")).isFalse();
    }

    private static boolean dependsOn(String module, String other) {
        return MODULES.getModuleByName(module)
                .orElseThrow()
                .getDirectDependencies(MODULES)
                .containsModuleNamed(other);
    }

    /** Keeps the architecture documentation in docs/ in step with the code. */
    @Test
    void writesModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/architecture/modules"))
                .writeDocumentation()
                .writeIndividualModulesAsPlantUml();
    }
}
