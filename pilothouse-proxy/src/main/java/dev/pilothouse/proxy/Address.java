package dev.pilothouse.proxy;

/** Where a backend listens; the key of the keep-alive pool (weights and versions do not matter). */
record Address(String host, int port) {
  static Address of(Backend backend) {
    return new Address(backend.host(), backend.port());
  }
}
