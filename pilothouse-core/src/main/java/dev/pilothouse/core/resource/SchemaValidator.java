package dev.pilothouse.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.pilothouse.core.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Validates documents against a kind's JSON schema (2020-12), naming each bad field. */
public final class SchemaValidator {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final Schema schema;

  private SchemaValidator(Schema schema) {
    this.schema = schema;
  }

  /** Compiles a schema once; validation is then thread-safe. */
  public static SchemaValidator compile(JsonNode schema) {
    Schema compiled = REGISTRY.getSchema(schema);
    compiled.initializeValidators();
    return new SchemaValidator(compiled);
  }

  /** Every problem found, with dotted field paths such as {@code spec.ports[0].port}. */
  public List<FieldError> validate(JsonNode document) {
    List<FieldError> errors = new ArrayList<>();
    for (Error error : schema.validate(document)) {
      String field = fieldPath(error.getInstanceLocation(), error);
      errors.add(new FieldError(field, messageWithoutLocation(error)));
    }
    return errors;
  }

  private static String fieldPath(NodePath location, Error error) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        sb.append(sb.isEmpty() ? "" : ".").append(element);
      }
    }
    // "required" and "additionalProperties" report the parent; name the missing/extra property.
    if (error.getProperty() != null && "required".equals(error.getKeyword())) {
      sb.append(sb.isEmpty() ? "" : ".").append(error.getProperty());
    }
    return sb.isEmpty() ? "(document)" : sb.toString();
  }

  private static String messageWithoutLocation(Error error) {
    String message = error.getMessage();
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }
}
