package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    /** The product's modules; the shared test support (dev.keel.test, a test dependency) is none of them. */
    static final ApplicationModules MODULES =
            ApplicationModules.of(KeelApplication.class, JavaClass.Predicates.resideInAPackage("dev.keel.test.."));

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

    /**
     * Keeps the architecture documentation in docs/ in step with the code. The Documenter lists
     * relationships, components and events in hash or reflection order, which differs from run to run;
     * those lists are sorted, so that the files change only when the architecture does.
     */
    @Test
    void writesModuleDocumentation() throws IOException {
        var folder = Path.of("../docs/architecture/modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder.toString()))
                .writeDocumentation()
                .writeIndividualModulesAsPlantUml();
        try (var files = Files.list(folder)) {
            for (var file : files.toList()) {
                var name = file.getFileName().toString();
                if (name.endsWith(".puml")) {
                    Files.write(file, sortedRuns(Files.readAllLines(file), "Rel("));
                } else if (name.endsWith(".adoc")) {
                    Files.write(file, sortedRuns(Files.readAllLines(file), "* "));
                }
            }
        }
    }

    /**
     * Sorts every run of consecutive lines that start with {@code item}; in AsciiDoc tables the first
     * item of a cell starts with {@code |}, which stays on the first line of the sorted run.
     */
    static List<String> sortedRuns(List<String> lines, String item) {
        var result = new ArrayList<String>();
        var run = new ArrayList<String>();
        var cell = false;
        for (var line : lines) {
            var opensCell = line.startsWith("|" + item);
            if (line.startsWith(item) && !run.isEmpty()) {
                run.add(line);
                continue;
            }
            flush(result, run, cell);
            if (line.startsWith(item) || opensCell) {
                cell = opensCell;
                run.add(opensCell ? line.substring(1) : line);
            } else {
                result.add(line);
            }
        }
        flush(result, run, cell);
        return result;
    }

    private static void flush(List<String> result, List<String> run, boolean cell) {
        if (run.isEmpty()) {
            return;
        }
        run.sort(null);
        if (cell) {
            run.set(0, "|" + run.getFirst());
        }
        result.addAll(run);
        run.clear();
    }
}
