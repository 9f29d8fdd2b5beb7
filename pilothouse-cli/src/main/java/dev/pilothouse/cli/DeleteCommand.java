package dev.pilothouse.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delete KIND NAME} or {@code delete -f FILE}: deletes objects. */
@Command(name = "delete", description = "Delete an object, or the objects of manifest files.")
final class DeleteCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @ArgGroup(multiplicity = "1")
  Target target;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "default")
  String namespace;

  /** Either a kind and a name, or files. */
  static final class Target {
    @ArgGroup(exclusive = false)
    Named named;

    @Option(
        names = {"-f", "--filename"},
        paramLabel = "FILE",
        description = "File, directory or - for stdin. Repeatable.")
    List<String> files;
  }

  /** A kind and the name of one of its objects. */
  static final class Named {
    @Parameters(index = "0", paramLabel = "KIND")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;
  }

  @Override
  public Integer call() {
    Session session = Session.of(spec);
    if (target.files == null) {
      ApiKind kind = session.discovery().resolve(target.named.kind);
      delete(session, kind, namespace, target.named.name);
      return 0;
    }
    return deleteManifests(session, Manifests.read(target.files, System.in));
  }

  private int deleteManifests(Session session, List<Manifest> manifests) {
    PrintWriter err = spec.commandLine().getErr();
    int failures = 0;
    for (Manifest manifest : manifests) {
      try {
        ApiKind kind = session.discovery().forDocument(manifest.apiVersion(), manifest.kind());
        String ns = manifest.namespace().isEmpty() ? namespace : manifest.namespace();
        delete(session, kind, ns, manifest.name());
      } catch (ApiException | UnknownKindException e) {
        err.println("error: " + manifest.where() + ": " + e.getMessage());
        failures++;
      }
    }
    return failures == 0 ? 0 : CliException.FAILURE;
  }

  private static void delete(Session session, ApiKind kind, String namespace, String name) {
    session.client().delete(kind.objectPath(namespace, name));
    session.out().println(kind.ref() + "/" + name + " deleted");
  }
}
