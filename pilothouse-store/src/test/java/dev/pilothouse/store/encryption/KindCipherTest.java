package dev.pilothouse.store.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilothouse.core.error.EncryptionKeyMissingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KindCipherTest {
  private static final byte[] AAD = "/Secret/shop/db".getBytes(StandardCharsets.UTF_8);

  @Test
  void anyPlaintextSealsAndOpensToItself() {
    KindCipher cipher = cipher("key1", 1);
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] plain = new byte[random.nextInt(4096)];
      random.nextBytes(plain);

      String sealed = cipher.seal(plain, AAD);

      assertThat(sealed).startsWith("k8s:enc:aesgcm:v1:key1:");
      assertThat(cipher.open(sealed, AAD, "x")).isEqualTo(plain);
    }
  }

  @Test
  void everyWriteDrawsAFreshNonce() {
    KindCipher cipher = cipher("key1", 1);
    byte[] plain = "same".getBytes(StandardCharsets.UTF_8);

    assertThat(cipher.seal(plain, AAD)).isNotEqualTo(cipher.seal(plain, AAD));
  }

  @Test
  void aCiphertextMovedToAnotherObjectOrReadWithOtherKeyMaterialDoesNotOpen() {
    String sealed = cipher("key1", 1).seal("v".getBytes(StandardCharsets.UTF_8), AAD);
    byte[] otherRow = "/Secret/shop/other".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> cipher("key1", 1).open(sealed, otherRow, "secret shop/other"))
        .isInstanceOf(EncryptionKeyMissingException.class);
    assertThatThrownBy(() -> cipher("key1", 2).open(sealed, AAD, "secret shop/db"))
        .isInstanceOf(EncryptionKeyMissingException.class)
        .hasMessageContaining("'key1'");
    assertThatThrownBy(() -> cipher("key9", 1).open(sealed, AAD, "secret shop/db"))
        .hasMessageContaining("'key1'")
        .hasMessageContaining("does not list");
  }

  @Test
  void anIdentityFirstCipherWritesPlaintext() {
    KindCipher cipher = new KindCipher(List.of(new Provider.Identity(), gcm("key1", 1)));

    assertThat(cipher.seal(new byte[] {1}, AAD)).isNull();
  }

  private static KindCipher cipher(String name, int fill) {
    return new KindCipher(List.of(gcm(name, fill)));
  }

  private static Provider gcm(String name, int fill) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) fill);
    return new Provider.AesGcm(List.of(new Provider.AesKey(name, k)));
  }
}
