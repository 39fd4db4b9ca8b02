package dev.conversation.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Denial;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Trigger;
import dev.conversation.domain.Violation;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The one error value: its checks, the one mapping from {@link Problem}, and the host's own words. */
class ApiErrorTest {

  private static final ConversationId ID = ConversationId.of("conv_1");

  @Test
  void everyProblemKindHasOneAnswer() {
    assertThat(ApiError.of(new Problem.Invalid(List.of(new Violation("limit", "range", "limit must be 1 to 100")))))
        .isEqualTo(new ApiError(400, "range", "limit must be 1 to 100", Option.some("limit")));
    assertThat(ApiError.of(new Problem.NotFound(ID)))
        .isEqualTo(new ApiError(404, "exists", "conversation conv_1 not found", Option.some("id")));
    assertThat(ApiError.of(new Problem.ContactNotFound(ContactId.of("c_1"))))
        .isEqualTo(new ApiError(404, "exists", "contact c_1 not found", Option.some("contact")));
    Denial denial = new Denial(Status.CLOSED, Trigger.values()[0], "closed-is-read-only", "a closed conversation is read-only");
    ApiError rejected = ApiError.of(new Problem.Rejected(new Rejection.Denied(denial)));
    assertThat(rejected.status()).isEqualTo(409);
    assertThat(rejected.rule()).isEqualTo("closed-is-read-only");
    assertThat(rejected.message()).endsWith("[closed-is-read-only]");
    assertThat(ApiError.of(new Problem.Rejected(new Rejection.Invalid(List.of(new Violation("tags[1]", "max-length", "too long"))))))
        .isEqualTo(new ApiError(400, "max-length", "too long", Option.some("tags[1]")));
    ApiError contended = ApiError.of(new Problem.Contended(ID, 64));
    assertThat(contended.status()).isEqualTo(409);
    assertThat(contended.rule()).isEqualTo("conflict");
    assertThat(contended.code()).isEqualTo("conflict");
    ApiError unavailable = ApiError.of(new Problem.Unavailable("the store", new IllegalStateException("password=secret")));
    assertThat(unavailable).isEqualTo(new ApiError(503, "unavailable", "the store failed; try again later", Option.none()));
  }

  @Test
  void parametersRenameTheFieldAndItsWordInTheMessage() {
    UnaryOperator<String> clara = f -> f.equals("contact.phone") ? "customer_phone" : f.equals("id") ? "conversation_id" : f;
    ApiError error = ApiError.of(new Problem.Invalid(List.of(
        new Violation("contact.phone", "e164", "phone must be E.164, for example +15550100"),
        new Violation("subject", "max-length", "subject must be at most 200 characters"))), clara);
    assertThat(error.field()).contains("customer_phone");
    assertThat(error.rule()).isEqualTo("e164");
    assertThat(error.message()).isEqualTo("customer_phone must be E.164, for example +15550100; subject must be at most 200 characters");
    assertThat(ApiError.of(new Problem.NotFound(ID), clara).field()).contains("conversation_id");
  }

  @Test
  void theHostsOwnErrorsAreFixedWordsWithTheirCode() {
    qt().forAll(integers().between(400, 599)).checkAssert(status -> {
      ApiError error = ApiError.status(status);
      assertThat(error.status()).isEqualTo(status);
      assertThat(error.rule()).isEqualTo(error.code());
      assertThat(error.field()).isEmpty();
      assertThat(error.code()).matches("[a-z_]+");
      assertThat(error.message()).doesNotContain(String.valueOf(status));
    });
    assertThat(ApiError.status(413).code()).isEqualTo("payload_too_large");
    assertThat(ApiError.status(502).code()).isEqualTo("server_error");
    assertThat(ApiError.status(418).code()).isEqualTo("error");
  }

  @Test
  void refusesWhatNoAnswerCanBe() {
    assertThatThrownBy(() -> new ApiError(399, "r", "m", Option.none())).hasMessageContaining("status");
    assertThatThrownBy(() -> new ApiError(600, "r", "m", Option.none())).hasMessageContaining("status");
    assertThatThrownBy(() -> new ApiError(400, " ", "m", Option.none())).hasMessageContaining("rule");
    assertThatThrownBy(() -> new ApiError(400, "r", "", Option.none())).hasMessageContaining("message");
    assertThatThrownBy(() -> new ApiError(400, "r", "m", Option.some(""))).hasMessageContaining("field");
    assertThatThrownBy(() -> ApiError.invalid(List.empty())).hasMessageContaining("violations");
    assertThatThrownBy(() -> ApiError.status(302)).hasMessageContaining("status");
    assertThat(ApiError.badRequest("", "single-value", "a parameter without a name").field()).isEmpty();
    assertThat(ApiError.invalid(new Violation(" ", "r", "m")).field()).isEmpty();
    assertThat(ApiError.invalid(new Violation("f", "", "")))
        .as("a violation's blank rule and message still make an answer")
        .isEqualTo(new ApiError(400, "invalid", "the input is invalid", Option.some("f")));
  }
}
