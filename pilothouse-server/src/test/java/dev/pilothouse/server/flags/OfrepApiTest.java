package dev.pilothouse.server.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OfrepApiTest {
  static final String SINGLE = "/ofrep/v1/evaluate/flags/";
  static final String BULK = "/ofrep/v1/evaluate/flags";
  static FlagsTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = FlagsTestServer.start();
    assertThat(
            server
                .putFlagSet(
                    "default",
                    "a-base",
                    "{'metadata':{'flagSetId':'base'},'flags':{"
                        + "'new-checkout':{'state':'ENABLED','variants':{'on':true,'off':false},"
                        + "'defaultVariant':'off','targeting':{'if':[{'ends_with':[{'var':'email'},"
                        + "'@example.com']},'on',null]}},"
                        + "'banner':{'state':'ENABLED','variants':{'a':'old'},'defaultVariant':'a'},"
                        + "'broken':{'state':'ENABLED','variants':{'a':1},'defaultVariant':'a',"
                        + "'targeting':{'var':'pick'}},"
                        + "'off-flag':{'state':'DISABLED','variants':{'a':1},'defaultVariant':'a'}}}")
                .statusCode())
        .isEqualTo(201);
    assertThat(
            server
                .putFlagSet(
                    "default",
                    "b-override",
                    "{'flags':{'banner':{'state':'ENABLED','variants':{'b':'new'},"
                        + "'defaultVariant':'b'}}}")
                .statusCode())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static JsonNode json(HttpResponse<String> res) {
    return Json.parse(res.body());
  }

  @Test
  void aTargetedFlagResolvesWithValueReasonVariantAndMetadata() throws Exception {
    var res = server.ofrep(SINGLE + "new-checkout", "{\"context\":{\"email\":\"a@example.com\"}}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(json(res))
        .isEqualTo(
            Json.parse(
                "{\"key\":\"new-checkout\",\"value\":true,\"reason\":\"TARGETING_MATCH\","
                    + "\"variant\":\"on\",\"metadata\":{\"flagSetId\":\"base\"}}"));
  }

  @Test
  void aLaterFlagSetOverridesAnEarlierOne() throws Exception {
    var res = server.ofrep(SINGLE + "banner", "{}");
    assertThat(json(res).path("value").asText()).isEqualTo("new");
    assertThat(json(res).path("reason").asText()).isEqualTo("STATIC");
  }

  @Test
  void anUnknownFlagIs404FlagNotFound() throws Exception {
    var res = server.ofrep(SINGLE + "nope", "{\"context\":{}}");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(json(res).path("key").asText()).isEqualTo("nope");
    assertThat(json(res).path("errorCode").asText()).isEqualTo("FLAG_NOT_FOUND");
    assertThat(json(res).has("errorDetails")).isTrue();
  }

  @Test
  void aDisabledFlagIs200WithReasonDisabledAndNoValue() throws Exception {
    var res = server.ofrep(SINGLE + "off-flag", "{}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(json(res).path("reason").asText()).isEqualTo("DISABLED");
    assertThat(json(res).has("value")).isFalse();
  }

  @Test
  void malformedJsonIs400ParseError() throws Exception {
    var res = server.ofrep(SINGLE + "banner", "{nope");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).path("errorCode").asText()).isEqualTo("PARSE_ERROR");
  }

  @Test
  void aContextThatIsNotAnObjectIs400InvalidContext() throws Exception {
    var res = server.ofrep(SINGLE + "banner", "{\"context\":[1]}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).path("errorCode").asText()).isEqualTo("INVALID_CONTEXT");
  }

  @Test
  void targetingThatPicksAMissingVariantIs400General() throws Exception {
    var res = server.ofrep(SINGLE + "broken", "{\"context\":{\"pick\":\"zzz\"}}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).path("errorCode").asText()).isEqualTo("GENERAL");
  }

  @Test
  void theApiKeyHeaderAuthenticatesAndNoCredentialsIs401() throws Exception {
    var withKey = server.send(SINGLE + "banner", Map.of("X-API-Key", server.token), "{}");
    assertThat(withKey.statusCode()).isEqualTo(200);
    var anonymous = server.send(SINGLE + "banner", Map.of(), "{}");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void bulkEvaluatesEveryFlagAndAnsweringItsEtagGives304() throws Exception {
    var res = server.ofrep(BULK, "{\"context\":{\"email\":\"x@example.com\"}}");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(json(res).path("flags")).hasSize(4);
    String etag = res.headers().firstValue("ETag").orElseThrow();
    var again =
        server.send(
            BULK,
            Map.of("Authorization", "Bearer " + server.token, "If-None-Match", etag),
            "{\"context\":{\"email\":\"x@example.com\"}}");
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    var otherContext =
        server.send(
            BULK,
            Map.of("Authorization", "Bearer " + server.token, "If-None-Match", etag),
            "{\"context\":{\"email\":\"y@example.org\"}}");
    assertThat(otherContext.statusCode()).isEqualTo(200);
  }

  @Test
  void environmentsAreNamespacesChosenByQueryOrHeader() throws Exception {
    server.putFlagSet(
        "staging",
        "flags",
        "{'flags':{'banner':{'state':'ENABLED','variants':{'s':'staging'},'defaultVariant':'s'}}}");
    var byQuery = server.ofrep(SINGLE + "banner?environment=staging", "{}");
    assertThat(json(byQuery).path("value").asText()).isEqualTo("staging");
    var byHeader =
        server.send(
            SINGLE + "banner",
            Map.of(
                "Authorization", "Bearer " + server.token, "X-Pilothouse-Environment", "staging"),
            "{}");
    assertThat(json(byHeader).path("value").asText()).isEqualTo("staging");
  }

  @Test
  void anInvalidFlagSetIsRejectedWith422NamingTheField() throws Exception {
    var res =
        server.putFlagSet("default", "bad", "{'flags':{'x':{'state':'ON','variants':{'a':1}}}}");
    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(res.body()).contains("spec.flags.x.state");
  }
}
