package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The required revision header: missing, malformed, not a date, not served, and the 400 it becomes. */
class KlaviyoRevisionTest {

  @Test
  void theSeedsRevisionIsAcceptedWithOrWithoutSurroundingWhitespace() {
    for (String header : List.of("2026-04-15.pre", " 2026-04-15.pre\t")) {
      KlaviyoRevision revision = KlaviyoRevision.fromHeader(Option.some(header)).get();
      assertThat(revision).isEqualTo(KlaviyoRevision.SEED);
      assertThat(revision.date()).isEqualTo(LocalDate.of(2026, 4, 15));
      assertThat(revision.suffix()).contains("pre");
      assertThat(revision).hasToString("2026-04-15.pre");
    }
  }

  @Test
  void aMissingOrBlankHeaderIsMissing() {
    for (Option<String> header : List.of(Option.<String>none(), Option.some(""), Option.some("  "))) {
      ApiError problem = KlaviyoRevision.fromHeader(header).getLeft();
      assertThat(problem).isEqualTo(KlaviyoProblem.missingRevision());
      assertThat(problem.field()).contains("revision");
      assertThat(problem.rule()).isEqualTo("required");
      assertThat(problem.status()).isEqualTo(400);
    }
  }

  @Test
  void aValueOutsideTheFormatIsMalformedAndNamesTheFormatRule() {
    for (String header : List.of("2026-4-15", "26-04-15", "2026/04/15", "2026-04-15.", "2026-04-15.PRE", "2026-04-15-pre",
        "2026-04-15.pre.1", "latest", "2026-04-15T00:00", "２０２６-04-15", "2026-04-15." + "x".repeat(33))) {
      ApiError problem = KlaviyoRevision.fromHeader(Option.some(header)).getLeft();
      assertThat(problem).as(header).isEqualTo(KlaviyoProblem.malformedRevision(header, "revision-format"));
      assertThat(problem.message()).contains("YYYY-MM-DD").contains("2026-04-15.pre");
    }
  }

  @Test
  void aWellShapedValueThatIsNoCalendarDateIsMalformed() {
    for (String header : List.of("2026-02-30", "2026-02-29.pre", "2026-13-01", "2026-00-10", "2026-04-31.pre", "2026-04-00")) {
      ApiError problem = KlaviyoRevision.parse(header).getLeft();
      assertThat(problem).as(header).isEqualTo(KlaviyoProblem.malformedRevision(header, "calendar-date"));
      assertThat(problem.message()).contains("not a calendar date");
    }
    assertThat(KlaviyoRevision.parse("2028-02-29.pre").get().date()).isEqualTo(LocalDate.of(2028, 2, 29));
  }

  @Test
  void aWellFormedRevisionTheEndpointDoesNotServeIsUnsupportedUnlessTheHostAddsIt() {
    for (String header : List.of("2026-04-15", "2026-07-15.pre", "2025-01-15", "2026-04-15.beta")) {
      ApiError problem = KlaviyoRevision.fromHeader(Option.some(header)).getLeft();
      assertThat(problem).extracting(ApiError::status).isEqualTo(400);
      assertThat(problem.rule()).isEqualTo("supported-revision");
      assertThat(problem.message()).contains(header).contains("2026-04-15.pre");
    }
    KlaviyoRevision july = KlaviyoRevision.parse("2026-07-15.pre").get();
    assertThat(KlaviyoRevision.fromHeader(Option.some("2026-07-15.pre"), HashSet.of(KlaviyoRevision.SEED, july)).get())
        .isEqualTo(july);
    assertThat(july).isGreaterThan(KlaviyoRevision.SEED);
    assertThat(KlaviyoRevision.parse("2026-04-15").get()).isLessThan(KlaviyoRevision.SEED);
  }

  @Test
  void aMissingRevisionRendersKlaviyosInvalidErrorPointingAtTheParameter() {
    ApiError problem = KlaviyoRevision.fromHeader(Option.none()).getLeft();
    assertThat(KlaviyoError.document(problem, "7c1f3f9e-2b1a-4d7e-9a51-0f7f2e6c3b10"))
        .isEqualTo(Fixtures.json("golden/error-revision-missing.json"));
  }
}
