package dev.pilothouse.core.flags;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilothouse.core.error.FieldError;
import dev.pilothouse.core.error.ValidationException;
import java.util.List;

/**
 * The {@code FeatureFlagSet} kind ({@code pilothouse.dev/v1alpha1}): a resource whose {@code spec}
 * is a flagd document. Field errors are named from the resource root, e.g. {@code
 * spec.flags.new-checkout.defaultVariant}.
 */
public final class FeatureFlagSets {
  /** The kind's apiVersion. */
  public static final String API_VERSION = "pilothouse.dev/v1alpha1";

  /** The kind's name. */
  public static final String KIND = "FeatureFlagSet";

  /** The qualified kind, as {@code KindRegistry.addRule} takes it. */
  public static final String QUALIFIED_KIND = "FeatureFlagSet.pilothouse.dev";

  private FeatureFlagSets() {}

  /**
   * Compiles a resource's spec. Lenient like flagd: a {@code $ref} to a missing evaluator fails
   * only that flag's evaluations (PARSE_ERROR).
   *
   * @throws ValidationException naming {@code spec.flags.<key>.<field>}
   */
  public static FlagSet compile(JsonNode resource) {
    return FlagSetParser.parse(resource.get("spec"), "spec.");
  }

  /**
   * The admission rule for writes: everything {@link #compile} checks, and also refuses {@code
   * $ref}s to missing evaluators, which are always a mistake when written through the API.
   *
   * @throws ValidationException naming every bad field
   */
  public static void validate(JsonNode resource) {
    FlagSet set = compile(resource);
    List<FieldError> broken =
        set.brokenRefs().entrySet().stream()
            .map(e -> new FieldError("spec.flags." + e.getKey() + ".targeting", e.getValue()))
            .toList();
    if (!broken.isEmpty()) {
      throw new ValidationException(broken);
    }
  }
}
