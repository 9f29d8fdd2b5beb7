package dev.pilothouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.resource.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {

  @Test
  void dataSurvivesARestartOnTheSameFolder() {
    Path folder = TestPostgres.newFolder("restart");
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(folder);
        Database db = Database.connect(pg.jdbcUrl(), 2)) {
      new PostgresTenancyRepository(db, Clock.systemUTC()).createTeam("payments", Actor.SYSTEM);
    }
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(folder);
        Database db = Database.connect(pg.jdbcUrl(), 2)) {
      assertThat(new PostgresTenancyRepository(db, Clock.systemUTC()).teams())
          .extracting(t -> t.name())
          .containsExactly("payments");
    }
    assertThat(folder.resolve("pg").resolve("PG_VERSION")).exists();
  }

  @Test
  void aSecondLauncherOnAFolderInUseFailsWithAClearMessage() throws Exception {
    Path folder = TestPostgres.newFolder("busy");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(folder)) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(folder))
          .isInstanceOf(DataFolderInUseException.class)
          .hasMessageContaining("data folder " + folder.toAbsolutePath() + " is in use")
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("--data-dir");
      assertThat(Files.readString(folder.resolve("pilothouse.lock")))
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
    EmbeddedDatabase.start(folder).close();
  }

  @Test
  void connectingToAnUnreachableDatabaseIsUnavailableWithoutThePassword() {
    assertThatThrownBy(
            () -> Database.connect("jdbc:postgresql://127.0.0.1:1/none?user=u&password=secret", 1))
        .isInstanceOf(dev.pilothouse.core.error.UnavailableException.class)
        .hasMessageNotContaining("secret");
  }
}
