package dev.keel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/api/openapi.json is the document the application serves, committed: the client the build
 * generates from it (GeneratedClientTests) and reviewers of API changes read it. A stale file fails the
 * build; {@code -Dkeel.openapi.write=true} rewrites it (see docs/api-guide.md).
 */
@RunningApplicationTest
class OpenApiDocumentTests {

    static final Path COMMITTED = Path.of("../docs/api/openapi.json");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @LocalServerPort
    int port;

    @Test
    void committedDocumentIsTheServedOne() throws Exception {
        var served = canonical(LocalHttp.get(port, "/v3/api-docs").body());
        var committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";

        if (Boolean.getBoolean("keel.openapi.write") && !served.equals(committed)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
            committed = served;
        }

        assertThat(committed)
                .as("docs/api/openapi.json differs from the document the application serves: refresh it with "
                        + "./mvnw -pl app -am verify -Dtest=OpenApiDocumentTests -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dkeel.openapi.write=true, then review and commit it")
                .isEqualTo(served);
    }

    /**
     * Keys in order and no server: the document of every run, on any port, reads the same. Clients set
     * the address they call.
     */
    private static String canonical(String json) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = JSON.readValue(json, Map.class);
        document.remove("servers");
        return JSON.writeValueAsString(document) + "\n";
    }
}
