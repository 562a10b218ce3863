package dev.keel;

import dev.keel.test.OpenApiValidation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain HTTP requests to the application a test started, as an outside client (or Prometheus) makes them;
 * API responses are validated against the OpenAPI document the application serves.
 */
public final class LocalHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalHttp() {}

    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return OpenApiValidation.validate(HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    public static HttpResponse<String> postJson(int port, String path, String json)
            throws IOException, InterruptedException {
        return OpenApiValidation.validate(HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }
}
