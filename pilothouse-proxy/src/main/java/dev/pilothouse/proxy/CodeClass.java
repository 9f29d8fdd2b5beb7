package dev.pilothouse.proxy;

/** HTTP status class used as the {@code code_class} metric label. */
public enum CodeClass {
  C2XX("2xx"),
  C3XX("3xx"),
  C4XX("4xx"),
  C5XX("5xx");

  private final String label;

  CodeClass(String label) {
    this.label = label;
  }

  /** Returns the label value, e.g. {@code 5xx}. */
  public String label() {
    return label;
  }

  /** Classifies a status; informational 1xx never ends an exchange, so it counts as 2xx. */
  public static CodeClass of(int status) {
    if (status < 300) {
      return C2XX;
    }
    if (status < 400) {
      return C3XX;
    }
    return status < 500 ? C4XX : C5XX;
  }
}
