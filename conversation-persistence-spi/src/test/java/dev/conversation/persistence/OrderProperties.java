package dev.conversation.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.ConversationId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Listing order: ids by code point (= UTF-8 bytes), positions newest first then larger id first. */
class OrderProperties {

  /**
   * Well-formed strings that stress UTF-16 versus code point order: ASCII, characters just below
   * and above the surrogate block (U+E000..U+FFFF sort before supplementary characters by code
   * point but after them by UTF-16 unit), and supplementary characters (surrogate pairs).
   */
  static Gen<String> wellFormed() {
    Gen<Integer> codePoint = Generate.frequency(java.util.List.of(
        Pair.of(4, integers().between('a', 'e')),
        Pair.of(1, integers().between(0, 0x7F)),
        Pair.of(1, integers().between(0x80, 0xD7FF)),
        Pair.of(2, integers().between(0xE000, 0xFFFF)),
        Pair.of(2, integers().between(0x10000, 0x10FFFF)),
        Pair.of(1, Generate.pick(java.util.List.of(0xFFFF, 0xFFFD, 0x10000, 0x1F600, 0xD7FF, 0xE000)))));
    return lists().of(codePoint).ofSizeBetween(0, 6).map(cps -> {
      StringBuilder b = new StringBuilder();
      cps.forEach(b::appendCodePoint);
      return b.toString();
    });
  }

  /** Pairs of strings that often share a prefix, so that the comparison reaches deep positions and ends. */
  static Gen<Pair<String, String>> idPairs() {
    return wellFormed().zip(wellFormed(), wellFormed(), integers().between(0, 3), (prefix, x, y, shape) -> switch (shape) {
      case 0 -> Pair.of(x, y);
      case 1 -> Pair.of(prefix + x, prefix + y);
      case 2 -> Pair.of(prefix, prefix + y);
      default -> Pair.of(prefix + x, prefix + x);
    });
  }

  @Test
  void idsCompareByCodePointWhichIsTheOrderOfTheirUtf8Bytes() {
    qt().withExamples(3000).forAll(idPairs()).checkAssert(p -> {
      byte[] a = p._1.getBytes(StandardCharsets.UTF_8);
      byte[] b = p._2.getBytes(StandardCharsets.UTF_8);
      int expected = Integer.signum(Arrays.compareUnsigned(a, b));
      assertThat(Integer.signum(Order.compareIds(p._1, p._2)))
          .as("compareIds(%s, %s) against UTF-8 byte order", escape(p._1), escape(p._2))
          .isEqualTo(expected);
      assertThat(Integer.signum(Order.compareIds(p._2, p._1))).as("antisymmetric").isEqualTo(-expected);
      assertThat(Order.compareIds(p._1, p._2) == 0).as("zero exactly for equal ids").isEqualTo(p._1.equals(p._2));
    });
  }

  @Test
  void idComparisonDiffersFromUtf16OrderAcrossTheSurrogateBlock() {
    String privateUse = "\uFFFF";
    String emoji = "\uD83D\uDE00";
    assertThat(privateUse.compareTo(emoji)).as("String.compareTo (UTF-16 units)").isPositive();
    assertThat(Order.compareIds(privateUse, emoji)).as("code point order").isNegative();
    assertThat(Order.compareIds("ab", "ab\uD83D\uDE00")).isNegative();
    assertThat(Order.compareIds("ab\uD83D\uDE00", "ab")).isPositive();
    assertThat(Order.compareIds("", "")).isZero();
  }

  private static final ConversationId[] IDS = {
      ConversationId.of("a"), ConversationId.of("b"), ConversationId.of("b\uD83D\uDE00"),
      ConversationId.of("\uFFFF"), ConversationId.of("\uD83D\uDE00"), ConversationId.of("conv-10"), ConversationId.of("conv-9")};

  static Gen<Order.Position> positions() {
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    Gen<Instant> at = integers().between(0, 3).zip(integers().between(0, 2),
        (s, micros) -> base.plusSeconds(s).plusNanos(micros * 1000L));
    return at.zip(integers().between(0, IDS.length - 1), (t, i) -> new Order.Position(t, IDS[i]));
  }

  @Test
  void positionsSortNewestFirstAndBreakTiesByTheLargerIdFirst() {
    qt().withExamples(2000).forAll(positions(), positions()).checkAssert((p, q) -> {
      int byTime = p.at().compareTo(q.at());
      int expected = byTime != 0 ? -Integer.signum(byTime) : -Integer.signum(Order.compareIds(p.id().value(), q.id().value()));
      assertThat(Integer.signum(p.compareTo(q))).as("%s vs %s", p, q).isEqualTo(expected);
      assertThat(Integer.signum(q.compareTo(p))).isEqualTo(-expected);
      assertThat(p.compareTo(q) == 0).as("consistent with equals").isEqualTo(p.equals(q));
    });
  }

  @Test
  void sortingPositionsGivesANonIncreasingSequenceOfInstantsAndIdsWithinEqualInstants() {
    qt().withExamples(300).forAll(lists().of(positions()).ofSizeBetween(0, 30)).checkAssert(raw -> {
      java.util.List<Order.Position> sorted = new ArrayList<>(raw);
      sorted.sort(null);
      for (int i = 1; i < sorted.size(); i++) {
        Order.Position prev = sorted.get(i - 1);
        Order.Position cur = sorted.get(i);
        assertThat(prev.at()).as("newest first").isAfterOrEqualTo(cur.at());
        if (prev.at().equals(cur.at())) {
          byte[] a = prev.id().value().getBytes(StandardCharsets.UTF_8);
          byte[] b = cur.id().value().getBytes(StandardCharsets.UTF_8);
          assertThat(Arrays.compareUnsigned(a, b)).as("larger id (UTF-8) first: %s then %s", prev, cur)
              .isGreaterThanOrEqualTo(0);
        }
      }
    });
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints().forEach(cp -> b.append(cp < 0x80 && cp >= 0x20 ? String.valueOf((char) cp) : String.format("\\u{%X}", cp)));
    return b.append('"').toString();
  }
}
