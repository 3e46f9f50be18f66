package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {
  private static boolean jdkValid(byte[] b) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static int firstInvalid(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return Utf8Validator.firstInvalid(b, 0, b.length);
  }

  @Test
  void knownSequences() {
    assertEquals(-1, firstInvalid());
    assertEquals(-1, firstInvalid('a', 'b'));
    assertEquals(-1, firstInvalid(0xC3, 0xA9));
    assertEquals(-1, firstInvalid(0xE2, 0x82, 0xAC));
    assertEquals(-1, firstInvalid(0xF0, 0x9F, 0x98, 0x80));
    assertEquals(-1, firstInvalid(0xF4, 0x8F, 0xBF, 0xBF));
    assertEquals(0, firstInvalid(0x80));
    assertEquals(1, firstInvalid('a', 0xFF));
    assertEquals(0, firstInvalid(0xC0, 0x80), "overlong NUL");
    assertEquals(0, firstInvalid(0xE0, 0x80, 0x80), "overlong 3-byte");
    assertEquals(0, firstInvalid(0xED, 0xA0, 0x80), "surrogate");
    assertEquals(0, firstInvalid(0xF4, 0x90, 0x80, 0x80), "above U+10FFFF");
    assertEquals(0, firstInvalid(0xF5, 0x80, 0x80, 0x80));
    assertEquals(9, firstInvalid('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 0xE2, 0x82), "truncated at end");
    assertEquals(0, firstInvalid(0xC3, 'a'));
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    Random random = new Random(11);
    int[] pool = {'a', 'z', 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0xA0, 0x9F,
        0x90, 0x8F};
    for (int trial = 0; trial < 200_000; trial++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : pool[random.nextInt(pool.length)]);
      }
      boolean ours = Utf8Validator.firstInvalid(b, 0, b.length) < 0;
      assertEquals(jdkValid(b), ours, () -> java.util.HexFormat.ofDelimiter(" ").formatHex(b));
    }
  }
}
