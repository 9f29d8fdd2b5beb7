package dev.pilothouse.core.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import dev.pilothouse.core.json.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagSetTest {
  static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

  static FlagSet set(String json) {
    return FlagSet.parse(Json.parse(json.replace('\'', '"')));
  }

  @Test
  void aFlagWithoutTargetingResolvesStaticallyToItsDefaultVariant() {
    FlagSet flags =
        set("{'flags':{'f':{'state':'ENABLED','variants':{'a':1,'b':2},'defaultVariant':'b'}}}");
    Evaluation e = flags.evaluate("f", FlagType.INTEGER, Map.of(), NOW);
    assertThat(e.value()).isEqualTo(2);
    assertThat(e.variant()).isEqualTo("b");
    assertThat(e.reason()).isEqualTo(Reason.STATIC);
  }

  @Test
  void aDisabledFlagHasNoValueAndReasonDisabled() {
    FlagSet flags =
        set("{'flags':{'f':{'state':'DISABLED','variants':{'a':true},'defaultVariant':'a'}}}");
    Evaluation e = flags.evaluate("f", FlagType.BOOLEAN, Map.of(), NOW);
    assertThat(e.reason()).isEqualTo(Reason.DISABLED);
    assertThat(e.usesCodeDefault()).isTrue();
    assertThat(e.isError()).isFalse();
  }

  @Test
  void anUnknownKeyIsFlagNotFound() {
    Evaluation e = FlagSet.empty().evaluate("nope", Map.of(), NOW);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.FLAG_NOT_FOUND);
    assertThat(e.reason()).isEqualTo(Reason.ERROR);
  }

  @Test
  void askingForTheWrongTypeIsATypeMismatch() {
    FlagSet flags =
        set("{'flags':{'f':{'state':'ENABLED','variants':{'a':'x'},'defaultVariant':'a'}}}");
    assertThat(flags.evaluate("f", FlagType.BOOLEAN, Map.of(), NOW).errorCode())
        .isEqualTo(ErrorCode.TYPE_MISMATCH);
  }

  @Test
  void targetingSeesTheFlagKeyAndTimestampUnderFlagd() {
    FlagSet flags =
        set(
            "{'flags':{'f':{'state':'ENABLED','variants':{'on':true,'off':false},'defaultVariant':'off',"
                + "'targeting':{'if':[{'and':[{'==':[{'var':'$flagd.flagKey'},'f']},"
                + "{'>':[{'var':'$flagd.timestamp'},1700000000]}]},'on',null]}}}}");
    Evaluation e = flags.evaluate("f", FlagType.BOOLEAN, Map.of(), NOW);
    assertThat(e.value()).isEqualTo(true);
    assertThat(e.reason()).isEqualTo(Reason.TARGETING_MATCH);
  }

  @Test
  void targetingThatNamesAnUnknownVariantIsAGeneralError() {
    FlagSet flags =
        set(
            "{'flags':{'f':{'state':'ENABLED','variants':{'a':1},'defaultVariant':'a','targeting':{'var':'v'}}}}");
    assertThat(flags.evaluate("f", Map.of("v", "zzz"), NOW).errorCode())
        .isEqualTo(ErrorCode.GENERAL);
  }

  @Test
  void flagMetadataOverridesTheSetsMetadata() {
    FlagSet flags =
        set(
            "{'metadata':{'flagSetId':'s','version':'1'},'flags':{'f':{'state':'ENABLED',"
                + "'variants':{'a':1},'defaultVariant':'a','metadata':{'version':'2'}}}}");
    assertThat(flags.evaluate("f", Map.of(), NOW).flagMetadata())
        .isEqualTo(Map.of("flagSetId", "s", "version", "2"));
  }

  @Test
  void laterSetsWinWhenMerged() {
    FlagSet a = set("{'flags':{'f':{'state':'ENABLED','variants':{'x':1},'defaultVariant':'x'}}}");
    FlagSet b = set("{'flags':{'f':{'state':'ENABLED','variants':{'y':2},'defaultVariant':'y'}}}");
    assertThat(a.merge(b).evaluate("f", Map.of(), NOW).value()).isEqualTo(2);
  }

  @Test
  void validationErrorsNameTheFlagAndField() {
    assertThatThrownBy(() ->
            set(
                "{'flags':{'f':{'state':'ON','variants':{'a':1,'b':'two'},'defaultVariant':'c'},"
                    + "'g':{'state':'ENABLED','variants':{'a':1},'targeting':{'nope':[1]}}}}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactly(
                        "flags.f.state",
                        "flags.f.variants.b",
                        "flags.f.defaultVariant",
                        "flags.g.targeting"));
  }

  @Test
  void aDocumentWithoutFlagsIsRejected() {
    assertThatThrownBy(() -> set("{'metadata':{}}"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("flags"));
  }

  @Test
  void aResourceWithAMissingRefIsRejectedOnWriteButLoadsLeniently() {
    String doc =
        "{'spec':{'flags':{'f':{'state':'ENABLED','variants':{'a':1},'defaultVariant':'a',"
            + "'targeting':{'if':[{'$ref':'missing'},'a',null]}}}}}";
    var resource = Json.parse(doc.replace('\'', '"'));
    assertThat(FeatureFlagSets.compile(resource).evaluate("f", Map.of(), NOW).errorCode())
        .isEqualTo(ErrorCode.PARSE_ERROR);
    assertThatThrownBy(() -> FeatureFlagSets.validate(resource))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.fieldErrors())
                    .extracting(FieldError::field)
                    .containsExactly("spec.flags.f.targeting"));
  }
}
