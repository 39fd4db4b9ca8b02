package dev.conversation.wire.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.conversation.domain.ConversationId;
import io.vavr.control.Try;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The path id check is lenient: exactly our id rules, not UUID syntax. Whatever the domain accepts
 * as a conversation id is read (and then found or not found); whatever it refuses is a 400.
 */
class CrmPathProperties {

  private static Gen<String> pathSegments() {
    Gen<String> uuids = longs().all().zip(longs().all(), (hi, lo) -> new UUID(hi, lo).toString());
    Gen<String> documentStyle = strings().betweenCodePoints('0', 'z').ofLengthBetween(1, 40);
    Gen<String> blanks = Generate.pick(java.util.List.of("", " ", "\t", "\n", "\u2003", "  \u00a0"));
    Gen<String> tooLong = strings().betweenCodePoints('a', 'f').ofLengthBetween(129, 300);
    Gen<String> anything = strings().allPossible().ofLengthBetween(0, 140);
    return Generate.frequency(java.util.List.of(
        Pair.of(3, uuids), Pair.of(3, documentStyle), Pair.of(1, blanks), Pair.of(1, tooLong), Pair.of(4, anything)));
  }

  @Test
  void aPathIdIsReadExactlyWhenItIsAConversationIdOtherwiseItIsA400ForFieldIdNamingTheRule() {
    qt().withExamples(2_000).forAll(pathSegments()).checkAssert(raw -> {
      Try<ConversationId> domain = Try.of(() -> ConversationId.of(raw));
      var read = CrmPath.conversationId(raw);
      assertThat(read.isRight()).as("accepted %s", raw).isEqualTo(domain.isSuccess());
      if (read.isRight()) {
        assertThat(read.get()).isEqualTo(domain.get());
      } else {
        assertThat(read.getLeft().field()).contains("id");
        assertThat(read.getLeft().rule()).isIn("not-blank", "max-length", "malformed-text");
        assertThat(read.getLeft().status()).isEqualTo(400);
        assertThat(read.getLeft().message()).startsWith("id ");
      }
    });
  }
}
