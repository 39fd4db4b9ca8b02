package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ConversationId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The Authorization header: the key, or a 401 that never repeats the credentials. */
class KlaviyoApiKeyTest {

  private static final String KEY = "pk_0123456789abcdef0123456789abcdef01";

  @Test
  void theKlaviyoSchemeYieldsTheKeyWhichToStringHides() {
    for (String header : List.of("Klaviyo-API-Key " + KEY, "klaviyo-api-key " + KEY, "Klaviyo-API-Key   " + KEY + " ")) {
      KlaviyoApiKey key = KlaviyoApiKey.fromHeader(Option.some(header)).get();
      assertThat(key.value()).as(header).isEqualTo(KEY);
      assertThat(key.toString()).doesNotContain(KEY).doesNotContain("pk_");
    }
  }

  @Test
  void aMissingHeaderAndAMalformedOneAreDifferentTypedProblems() {
    for (Option<String> header : List.of(Option.<String>none(), Option.some(""), Option.some(" \t"))) {
      assertThat(KlaviyoApiKey.fromHeader(header).getLeft()).isEqualTo(KlaviyoProblem.missingApiKey());
    }
    assertThat(rule("Bearer " + KEY)).isEqualTo("scheme");
    assertThat(rule(KEY)).isEqualTo("scheme");
    assertThat(rule("Klaviyo-API-Key:" + KEY)).isEqualTo("scheme");
    assertThat(rule("Klaviyo-API-Key")).isEqualTo("key-required");
    assertThat(rule("Klaviyo-API-Key    ")).isEqualTo("key-required");
    assertThat(rule("Klaviyo-API-Key " + KEY + " extra")).isEqualTo("key-characters");
    assertThat(rule("Klaviyo-API-Key pk_ünïcode")).isEqualTo("key-characters");

    for (String header : List.of("Bearer " + KEY, "Klaviyo-API-Key " + KEY + " extra")) {
      ApiError problem = KlaviyoApiKey.fromHeader(Option.some(header)).getLeft();
      assertThat(problem.field()).contains("Authorization");
      assertThat(problem.status()).isEqualTo(401);
      assertThat(KlaviyoError.code(problem)).isEqualTo("not_authenticated");
      assertThat(problem.message()).doesNotContain(KEY);
      assertThat(KlaviyoError.document(problem, "e").toString()).doesNotContain(KEY);
    }
  }

  @Test
  void authenticationAndNotFoundProblemsRenderKlaviyosErrors() {
    ApiError scheme = KlaviyoApiKey.fromHeader(Option.some("Bearer " + KEY)).getLeft();
    assertThat(KlaviyoError.document(scheme, "de016172-6f39-4cf6-b4f7-a0163fbc7301"))
        .isEqualTo(Fixtures.json("golden/error-not-authenticated.json"));

    ApiError unknownKey = KlaviyoProblem.invalidApiKey();
    assertThat(List.of(unknownKey.status(), KlaviyoError.code(unknownKey), KlaviyoError.title(unknownKey.status())))
        .containsExactly(401, "not_authenticated", "Authentication credentials were not provided.");

    ApiError notFound = KlaviyoProblem.notFound(ConversationId.of("conv_missing"));
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(KlaviyoError.document(notFound, "5a3c9d1e-6b2f-4c8a-9e07-1d4f8b2a7c63"))
        .isEqualTo(Fixtures.json("golden/error-not-found.json"));
  }

  private static String rule(String header) {
    return KlaviyoApiKey.fromHeader(Option.some(header)).getLeft().rule();
  }
}
