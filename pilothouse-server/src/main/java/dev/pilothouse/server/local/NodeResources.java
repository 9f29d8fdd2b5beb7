package dev.pilothouse.server.local;

import dev.pilothouse.core.local.ResourceFields;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;

/**
 * This machine's CPU and memory as a local pod's "node allocatable": what {@code resourceFieldRef}
 * gives for a limit the container does not set (the kubelet uses the node's allocatable the same
 * way).
 */
final class NodeResources {
  private NodeResources() {}

  /** The processors this JVM may use and the machine's physical memory. */
  static ResourceFields.Allocatable allocatable() {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : Runtime.getRuntime().maxMemory();
    return new ResourceFields.Allocatable(
        BigDecimal.valueOf(Runtime.getRuntime().availableProcessors()), BigDecimal.valueOf(memory));
  }
}
