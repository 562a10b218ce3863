package dev.keel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/** Files of the repository the deployment assets name, read as the tools that use them read them. */
final class Repository {

    /** The tests run in app/; the repository root is one up. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Repository() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML (or JSON) document as maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) new Yaml().load(read(relative));
    }

    /** A JSON file (a Grafana dashboard, configuration metadata) as maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String relative) {
        return JSON.readValue(read(relative), Map.class);
    }

    /** Every document of a multi-document YAML stream, such as rendered Helm templates. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        var documents = new ArrayList<Map<String, Object>>();
        for (var document : new Yaml().loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
        return documents;
    }

    /** An application configuration file (application-prod.yaml, ...) as Spring reads it: flat properties. */
    static Properties applicationProperties(String file) {
        var factory = new YamlPropertiesFactoryBean();
        factory.setResources(new FileSystemResource(path("app/src/main/resources/" + file)));
        var properties = factory.getObject();
        if (properties == null) {
            throw new IllegalStateException("No properties in " + file);
        }
        return properties;
    }
}
