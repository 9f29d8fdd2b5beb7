package dev.pilothouse.server.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.json.Json;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flags API against a real server on embedded PostgreSQL: operations, events, bad input. */
class FlagsApiTest {
  static FlagsTestServer server;

  static final String FLAG =
      "{'state':'ENABLED','variants':{'on':true,'off':false},'defaultVariant':'on'}";

  @BeforeAll
  static void start() throws Exception {
    server = FlagsTestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static JsonNode json(HttpResponse<String> res) {
    return Json.parse(res.body());
  }

  static String ofrepReason(String env, String key) throws Exception {
    return json(server.ofrep("/ofrep/v1/evaluate/flags/" + key + "?environment=" + env, "{}"))
        .path("reason")
        .asText();
  }

  static List<String> types(JsonNode events) {
    List<String> types = new ArrayList<>();
    events.path("items").forEach(e -> types.add(e.path("type").asText()));
    return types;
  }

  @Test
  void aFlagSetThroughTheApiIsServedDisabledAndItsHistoryShowsWhoChangedWhat() throws Exception {
    var put = server.call("PUT", "/api/v1/namespaces/ops-a/flags/dark-mode", FLAG);
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).path("flagSet").asText()).isEqualTo("flags");
    assertThat(ofrepReason("ops-a", "dark-mode")).isEqualTo("STATIC");

    var disabled = server.call("POST", "/api/v1/namespaces/ops-a/flags/dark-mode:disable", null);
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(json(disabled).path("state").asText()).isEqualTo("DISABLED");
    assertThat(ofrepReason("ops-a", "dark-mode")).isEqualTo("DISABLED");

    JsonNode history =
        json(server.call("GET", "/api/v1/flags/dark-mode/history?environment=ops-a", null));
    assertThat(types(history)).containsExactly("flag.disabled", "flag.created");
    JsonNode latest = history.path("items").get(0);
    assertThat(latest.path("attributes").path("actor").asText()).isEqualTo("admin");
    assertThat(latest.path("attributes").path("oldState").asText()).isEqualTo("ENABLED");
    assertThat(latest.path("attributes").path("newState").asText()).isEqualTo("DISABLED");
    assertThat(latest.path("time").asText()).isNotEmpty();
  }

  @Test
  void aFlagChangeMadeWithTheResourceApiIsAPlatformEventToo() throws Exception {
    server.putFlagSet("ops-b", "set", "{'flags':{'promo':" + FLAG + "}}");

    var events = server.call("GET", "/api/v1/events?namespace=ops-b&type=flag.", null);

    assertThat(types(json(events))).containsExactly("flag.created");
    assertThat(json(events).path("items").get(0).path("subject").asText())
        .isEqualTo("FeatureFlag/promo");
  }

  @Test
  void theKillSwitchDisablesAFlagInEveryEnvironmentInOneCall() throws Exception {
    for (String env : List.of("kill-prod", "kill-staging")) {
      assertThat(
              server.call("PUT", "/api/v1/namespaces/" + env + "/flags/risky", FLAG).statusCode())
          .isEqualTo(200);
    }
    server.call("PUT", "/api/v1/namespaces/kill-prod/flags/risky?flagSet=zz-override", FLAG);

    var killed = server.call("POST", "/api/v1/flags/risky:kill", null);

    assertThat(killed.statusCode()).as(killed.body()).isEqualTo(200);
    assertThat(json(killed).path("environments")).hasSize(3);
    assertThat(ofrepReason("kill-prod", "risky")).isEqualTo("DISABLED");
    assertThat(ofrepReason("kill-staging", "risky")).isEqualTo("DISABLED");
    JsonNode history = json(server.call("GET", "/api/v1/flags/risky/history", null));
    assertThat(types(history)).filteredOn("flag.disabled"::equals).hasSize(3);
  }

  @Test
  void killingAFlagNoEnvironmentDefinesIs404() throws Exception {
    var res = server.call("POST", "/api/v1/flags/never-defined:kill", null);
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(res.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
  }

  @Test
  void anInvalidFlagDefinitionIs422NamingTheFlagAndField() throws Exception {
    var res =
        server.call(
            "PUT", "/api/v1/namespaces/ops-c/flags/bad", "{'state':'ON','variants':{'a':1}}");
    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(res.body()).contains("spec.flags.bad.state");
  }

  @Test
  void anUnknownTargetingOperatorIs422NamingTheTargeting() throws Exception {
    var res =
        server.call(
            "PUT",
            "/api/v1/namespaces/ops-c/flags/op",
            "{'state':'ENABLED','variants':{'a':1},'defaultVariant':'a',"
                + "'targeting':{'no_such_op':[1]}}");
    assertThat(res.statusCode()).isEqualTo(422);
    assertThat(res.body()).contains("spec.flags.op.targeting");
  }

  @Test
  void malformedJsonIs400ProblemAndAnArrayBodyIs422() throws Exception {
    var malformed = server.call("PUT", "/api/v1/namespaces/ops-c/flags/x", "{'state':");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    var array = server.call("PUT", "/api/v1/namespaces/ops-c/flags/x", "[1]");
    assertThat(array.statusCode()).isEqualTo(422);
    assertThat(array.body()).contains("(body)");
  }

  @Test
  void weightsSummingToZeroAndABadSemverServeTheDefaultVariantNotAnError() throws Exception {
    server.call(
        "PUT",
        "/api/v1/namespaces/ops-d/flags/zero",
        "{'state':'ENABLED','variants':{'a':'A','b':'B'},'defaultVariant':'b',"
            + "'targeting':{'fractional':[['a',0],['b',0]]}}");
    server.call(
        "PUT",
        "/api/v1/namespaces/ops-d/flags/semver",
        "{'state':'ENABLED','variants':{'a':'A','b':'B'},'defaultVariant':'b',"
            + "'targeting':{'if':[{'sem_ver':[{'var':'v'},'>=','1.2.3']},'a',null]}}");

    var zero =
        server.ofrep(
            "/ofrep/v1/evaluate/flags/zero?environment=ops-d",
            "{\"context\":{\"targetingKey\":\"u1\"}}");
    var semver =
        server.ofrep(
            "/ofrep/v1/evaluate/flags/semver?environment=ops-d",
            "{\"context\":{\"v\":\"not.a.version\"}}");

    assertThat(zero.statusCode()).isEqualTo(200);
    assertThat(json(zero).path("reason").asText()).isEqualTo("DEFAULT");
    assertThat(json(zero).path("value").asText()).isEqualTo("B");
    assertThat(semver.statusCode()).isEqualTo(200);
    assertThat(json(semver).path("reason").asText()).isEqualTo("DEFAULT");
  }

  @Test
  void listingAnEnvironmentShowsStateVariantsDefaultAndTargeting() throws Exception {
    server.call(
        "PUT",
        "/api/v1/namespaces/ops-e/flags/listed",
        "{'state':'ENABLED','variants':{'on':true,'off':false},'defaultVariant':'off',"
            + "'targeting':{'if':[{'==':[{'var':'tier'},'gold']},'on',null]}}");

    JsonNode items = json(server.call("GET", "/api/v1/namespaces/ops-e/flags", null)).path("items");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("key").asText()).isEqualTo("listed");
    assertThat(items.get(0).path("defaultVariant").asText()).isEqualTo("off");
    assertThat(items.get(0).path("variants").path("on").asBoolean()).isTrue();
    assertThat(items.get(0).path("targeting").path("if").isArray()).isTrue();
    assertThat(server.call("GET", "/api/v1/namespaces/ops-e/flags/nope", null).statusCode())
        .isEqualTo(404);
  }
}
