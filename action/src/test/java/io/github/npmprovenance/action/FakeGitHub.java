package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A loopback stand-in for the GitHub REST API (WireMock), answering with response shapes from GitHub's
 * documentation, and recording what the action sent.
 */
final class FakeGitHub implements AutoCloseable {
    static final String HEAD_SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
    static final String MERGE_SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    FakeGitHub() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(json(200, "repository.json", Map.of())));
        server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs"))
                .willReturn(json(201, "check-run.json", Map.of("headSha", HEAD_SHA))));
        server.stubFor(patch(urlPathEqualTo("/repos/o/r/check-runs/4"))
                .willReturn(json(200, "check-run.json", Map.of("headSha", HEAD_SHA))));
    }

    String url() {
        return server.baseUrl();
    }

    /** As for a pull request from a fork: the token may not create check runs. */
    void forbidChecks() {
        server.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/checks/runs#create-a-check-run\",\"status\":\"403\"}")));
    }

    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file,
            Map<String, String> values) {
        String body = resource(file).replace("{{base}}", url());
        for (Map.Entry<String, String> value : values.entrySet()) {
            body = body.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    List<JsonNode> bodies(RequestMethod method, String path) {
        return requests(method, path).stream().map(r -> {
            try {
                return MAPPER.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    List<LoggedRequest> requests(RequestMethod method, String path) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().equals(method) && r.getUrl().split("\\?")[0].equals(path))
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    static String resource(String file) {
        try (InputStream in = FakeGitHub.class.getResourceAsStream("/github/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server, and fails the test if a request the action made is not what GitHub documents. */
    @Override
    public void close() {
        List<String> violations = server.getAllServeEvents().stream().map(e -> e.getRequest())
                .flatMap(r -> GitHubApiDescription.violations(r.getMethod().getName(), r.getUrl(), r.getBodyAsString())
                        .stream())
                .toList();
        server.stop();
        if (!violations.isEmpty()) {
            throw new AssertionError("requests GitHub's REST API description does not allow:\n"
                    + String.join("\n", violations));
        }
    }
}
