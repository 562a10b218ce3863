package dev.keel.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest
@AutoConfigureMockMvc
@WithMockUser
class ProblemHandlingTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void namesEveryInvalidField() {
        var result = post("{\"name\": \"\", \"quantity\": -1}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder("name", "quantity");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].code")
                .asArray()
                .containsExactlyInAnyOrder("not_blank", "positive");
    }

    @Test
    void rejectsUnknownFieldsByName() {
        var result = post("{\"name\": \"x\", \"quantity\": 1, \"status\": \"PAID\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("status");
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("unknown_field");
    }

    @Test
    void namesFieldsOfTheWrongType() {
        var result = post("{\"name\": \"x\", \"quantity\": \"many\"}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("quantity");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\\ud800",
                "a\\udc00b",
                "\\udc00\\ud800",
                "trailing \\ud83d",
                "nul\\u0000",
                "bell \\u0007",
                "escape \\u001b[2J",
                "delete \\u007f",
                "next line \\u0085"
            })
    void refusesTextTheApplicationCouldNotKeepNamingTheField(String escaped) {
        var result = post("{\"name\": \"" + escaped + "\", \"quantity\": 1}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("name");
        assertThat(result).bodyJson().extractingPath("$.errors[0].code").isEqualTo("invalid_characters");
    }

    @Test
    void refusesSuchTextInsideListsToo() {
        var result = post("{\"name\": \"x\", \"quantity\": 1, \"tags\": [\"fine\", \"\\udfff\"]}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("tags[1]");
    }

    @Test
    void keepsTabsAndLineBreaks() {
        var result = post("{\"name\": \"one\\ttwo\\r\\nthree\\n\", \"quantity\": 1}");

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("one\ttwo\r\nthree\n");
    }

    @Test
    void keepsCharactersOutsideTheBasicPlaneWrittenAsSurrogatePairs() {
        var result = post("{\"name\": \"\\ud83d\\ude00 \u00e9\", \"quantity\": 1}");

        assertThat(result).hasStatusOk().bodyJson().extractingPath("$.name").isEqualTo("\ud83d\ude00 \u00e9");
    }

    @Test
    void answersFieldNamesThatAreNoTextAsMalformedJson() {
        var result = post("{\"name\": \"x\", \"quantity\": 1, \"\\ud800\": 1}");

        assertProblem(result, HttpStatus.BAD_REQUEST, "malformed_json");
    }

    @Test
    void answersMalformedJson() {
        assertProblem(post("{\"name\": "), HttpStatus.BAD_REQUEST, "malformed_json");
        assertProblem(post(""), HttpStatus.BAD_REQUEST, "malformed_json");
    }

    @Test
    void answersWrongContentTypeWith415() {
        var result = mvc.post()
                .uri("/api/v1/probe/orders")
                .contentType(MediaType.TEXT_PLAIN)
                .content("hello")
                .exchange();

        assertProblem(result, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }

    @Test
    void answersWrongMethodWith405() {
        assertProblem(
                mvc.delete().uri("/api/v1/probe/orders").exchange(),
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed");
    }

    @Test
    void answersUnknownRoutesAndMalformedIdsWith404() {
        assertProblem(mvc.get().uri("/api/v1/probe/nothing-here").exchange(), HttpStatus.NOT_FOUND, "not_found");
        assertProblem(mvc.get().uri("/api/v1/probe/items/not-a-uuid").exchange(), HttpStatus.NOT_FOUND, "not_found");
    }

    @Test
    void validatesQueryParameters() {
        var result = mvc.get().uri("/api/v1/probe/items?limit=500").exchange();

        assertProblem(result, HttpStatus.BAD_REQUEST, "validation_failed");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("limit");
        assertProblem(
                mvc.get().uri("/api/v1/probe/items?limit=abc").exchange(), HttpStatus.BAD_REQUEST, "validation_failed");
    }

    @Test
    void refusesBodiesOverTheLimitWith413() {
        var result = post("{\"name\": \"" + "x".repeat(1024 * 1024) + "\", \"quantity\": 1}");

        assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large");
    }

    @Test
    void rendersErrorsOutsideSpringMvcForJsonClientsToo() {
        var result = mvc.get()
                .uri("/error")
                .accept(MediaType.APPLICATION_JSON)
                .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 413)
                .requestAttr(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/probe/orders")
                .exchange();

        assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large");
    }

    @Test
    void hidesInternalsOfUnexpectedErrors() throws Exception {
        var result = mvc.get().uri("/api/v1/probe/boom").exchange();

        assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error");
        var body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain("SELECT", "secret_table", "dev.keel", "Exception", "at ");
    }

    @Test
    void answersWith503AndRetryAfterWhileTheDatabaseCannotBeReached() throws Exception {
        var result = mvc.get().uri("/api/v1/probe/database-down").exchange();

        assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable");
        assertThat(result).hasHeader("Retry-After", "5");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Hikari", "JDBC", "Exception");
    }

    @Test
    void answersLostUpdatesWith409() {
        assertProblem(mvc.get().uri("/api/v1/probe/race").exchange(), HttpStatus.CONFLICT, "conflict");
    }

    @Test
    void echoesSaneRequestIdsAndUsesThemAsTraceId() {
        var echoed = mvc.get()
                .uri("/api/v1/probe/boom")
                .header(RequestIds.HEADER, "client-id-42")
                .exchange();
        assertThat(echoed).hasHeader(RequestIds.HEADER, "client-id-42");
        assertThat(echoed).bodyJson().extractingPath("$.traceId").isEqualTo("client-id-42");

        var replaced = mvc.get()
                .uri("/api/v1/probe/items")
                .header(RequestIds.HEADER, "<script>\n")
                .exchange();
        assertThat(replaced.getResponse().getHeader(RequestIds.HEADER))
                .isNotBlank()
                .doesNotContain("<");
    }

    private MvcTestResult post(String json) {
        return mvc.post()
                .uri("/api/v1/probe/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private static void assertProblem(MvcTestResult result, HttpStatus status, String code) {
        assertThat(result).hasStatus(status);
        assertThat(result).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo(code);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:keel:problem:" + code);
        assertThat(result).bodyJson().extractingPath("$.traceId").isNotNull();
        assertThat(result).bodyJson().extractingPath("$.instance").isNotNull();
    }
}
