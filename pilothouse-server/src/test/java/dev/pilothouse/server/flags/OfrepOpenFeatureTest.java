package dev.pilothouse.server.flags;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.openfeature.contrib.providers.ofrep.OfrepProvider;
import dev.openfeature.contrib.providers.ofrep.OfrepProviderOptions;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenFeature Java SDK with its OFREP provider, against a running Pilothouse. */
class OfrepOpenFeatureTest {
  static FlagsTestServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    server = FlagsTestServer.start();
    var created =
        server.putFlagSet(
            "default",
            "app",
            "{'flags':{"
                + "'dark-mode':{'state':'ENABLED','variants':{'on':true,'off':false},"
                + "'defaultVariant':'off','targeting':{'if':[{'starts_with':[{'var':'targetingKey'},"
                + "'beta-']},'on',null]}},"
                + "'greeting':{'state':'ENABLED','variants':{'hi':'Hello','yo':'Yo'},"
                + "'defaultVariant':'hi','targeting':{'if':[{'sem_ver':[{'var':'version'},'>=','2.0.0']},"
                + "'yo',null]}},"
                + "'retired':{'state':'DISABLED','variants':{'on':true,'off':false},'defaultVariant':'on'}}}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    OfrepProvider provider =
        OfrepProvider.constructProvider(
            OfrepProviderOptions.builder()
                .baseUrl(server.server.url())
                .headers(
                    ImmutableMap.of("Authorization", ImmutableList.of("Bearer " + server.token)))
                .build());
    OpenFeatureAPI.getInstance().setProviderAndWait("pilothouse-ofrep-test", provider);
    client = OpenFeatureAPI.getInstance().getClient("pilothouse-ofrep-test");
  }

  @AfterAll
  static void stop() throws Exception {
    OpenFeatureAPI.getInstance().shutdown();
    server.close();
  }

  @Test
  void aBooleanFlagFollowsItsTargetingThroughTheSdk() {
    var beta = client.getBooleanDetails("dark-mode", false, new MutableContext("beta-42"));
    assertThat(beta.getValue()).isTrue();
    assertThat(beta.getReason()).isEqualTo("TARGETING_MATCH");
    assertThat(beta.getVariant()).isEqualTo("on");
    var other = client.getBooleanDetails("dark-mode", true, new MutableContext("user-7"));
    assertThat(other.getValue()).isFalse();
    assertThat(other.getReason()).isEqualTo("DEFAULT");
  }

  @Test
  void aStringFlagResolvesThroughTheSdk() {
    var ctx = new MutableContext("u1").add("version", "2.1.0");
    var details = client.getStringDetails("greeting", "fallback", ctx);
    assertThat(details.getValue()).isEqualTo("Yo");
    assertThat(details.getErrorCode()).isNull();
    assertThat(client.getStringValue("greeting", "fallback", new MutableContext("u1")))
        .isEqualTo("Hello");
  }

  @Test
  void anUnknownFlagGivesTheDefaultWithFlagNotFound() {
    var details = client.getStringDetails("no-such-flag", "fallback", new MutableContext("u1"));
    assertThat(details.getValue()).isEqualTo("fallback");
    assertThat(details.getErrorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
  }

  @Test
  void askingForTheWrongTypeGivesTheDefaultWithTypeMismatch() {
    var details = client.getIntegerDetails("greeting", 7, new MutableContext("u1"));
    assertThat(details.getValue()).isEqualTo(7);
    assertThat(details.getErrorCode()).isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void aDisabledFlagGivesTheCodeDefault() {
    // OFREP answers 200 {reason: DISABLED} without a value; provider 0.0.2 reports a missing value
    // as an error, so the SDK returns the code default (the protocol-level reason is checked in
    // OfrepApiTest).
    var details = client.getBooleanDetails("retired", false, new MutableContext("u1"));
    assertThat(details.getValue()).isFalse();
  }
}
