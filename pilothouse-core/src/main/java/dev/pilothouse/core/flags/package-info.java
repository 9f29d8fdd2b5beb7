/**
 * Feature flags with flagd semantics: a flagd document is compiled once into an immutable {@link
 * dev.pilothouse.core.flags.FlagSet} and evaluated against a context without I/O.
 */
package dev.pilothouse.core.flags;
