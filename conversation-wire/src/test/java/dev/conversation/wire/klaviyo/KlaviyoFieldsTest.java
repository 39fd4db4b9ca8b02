package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Parsing fields[customer-agent-conversation]: what is requested, and the typed error for unknown names. */
class KlaviyoFieldsTest {

  @Test
  void theParameterSelectsAttributesInTheSeedsOrder() {
    assertThat(KlaviyoFields.parse(Option.none()).get()).isEqualTo(KlaviyoFields.all());
    assertThat(KlaviyoFields.all().names()).containsExactly("created_at", "id", "status", "updated_at");
    assertThat(KlaviyoFields.parse(Option.some("updated_at,status")).get().names()).containsExactly("status", "updated_at");
    assertThat(KlaviyoFields.parse(Option.some(" status , id,status")).get().names()).containsExactly("id", "status");
    assertThat(KlaviyoFields.parse(Option.some("")).get().names()).isEmpty();
    KlaviyoFields statusOnly = KlaviyoFields.parse(Option.some("status")).get();
    assertThat(statusOnly.includes("status")).isTrue();
    assertThat(statusOnly.includes("created_at")).isFalse();
    assertThat(KlaviyoFields.allowed()).containsExactly("created_at", "id", "status", "updated_at");
  }

  @Test
  void unknownNamesAreATypedErrorNamingTheParameterAndTheAllowedValues() {
    ApiError problem = KlaviyoFields.parse(Option.some("status,subject,Status,subject")).getLeft();
    assertThat(problem).isEqualTo(KlaviyoProblem.unknownFields(List.of("subject", "Status")));
    assertThat(problem.field()).contains("fields[customer-agent-conversation]");
    assertThat(problem.rule()).isEqualTo("allowed-values");
    assertThat(problem.status()).isEqualTo(400);
    assertThat(KlaviyoError.document(problem, "0b5d7a52-8f0e-4a43-a1de-3c2a0f6b9d21"))
        .isEqualTo(Fixtures.json("golden/error-unknown-fields.json"));

    assertThat(KlaviyoFields.parse(Option.some("status,,id")).getLeft())
        .isEqualTo(KlaviyoProblem.unknownFields(List.of("")));
    assertThat(KlaviyoFields.parse(Option.some("attributes.status")).getLeft().message())
        .contains("an unknown field 'attributes.status'")
        .contains("allowed values are created_at, id, status, updated_at");
  }
}
