package dev.conversation.wire.klaviyo;

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
      assertThat(KlaviyoApiKey.fromHeader(header).getLeft()).isEqualTo(new KlaviyoProblem.MissingApiKey());
    }
    assertThat(rule("Bearer " + KEY)).isEqualTo("scheme");
    assertThat(rule(KEY)).isEqualTo("scheme");
    assertThat(rule("Klaviyo-API-Key:" + KEY)).isEqualTo("scheme");
    assertThat(rule("Klaviyo-API-Key")).isEqualTo("key-required");
    assertThat(rule("Klaviyo-API-Key    ")).isEqualTo("key-required");
    assertThat(rule("Klaviyo-API-Key " + KEY + " extra")).isEqualTo("key-characters");
    assertThat(rule("Klaviyo-API-Key pk_ünïcode")).isEqualTo("key-characters");

    for (String header : List.of("Bearer " + KEY, "Klaviyo-API-Key " + KEY + " extra")) {
      KlaviyoProblem problem = KlaviyoApiKey.fromHeader(Option.some(header)).getLeft();
      assertThat(problem.field()).isEqualTo("Authorization");
      assertThat(problem.status()).isEqualTo(401);
      assertThat(problem.code()).isEqualTo("not_authenticated");
      assertThat(problem.message()).doesNotContain(KEY);
      assertThat(problem.error("e").document().toString()).doesNotContain(KEY);
    }
  }

  @Test
  void authenticationAndNotFoundProblemsRenderKlaviyosErrors() {
    KlaviyoProblem scheme = KlaviyoApiKey.fromHeader(Option.some("Bearer " + KEY)).getLeft();
    assertThat(scheme.error("de016172-6f39-4cf6-b4f7-a0163fbc7301").document())
        .isEqualTo(Fixtures.json("golden/error-not-authenticated.json"));

    KlaviyoProblem unknownKey = new KlaviyoProblem.InvalidApiKey();
    assertThat(List.of(unknownKey.status(), unknownKey.code(), unknownKey.title()))
        .containsExactly(401, "not_authenticated", "Authentication credentials were not provided.");

    KlaviyoProblem notFound = new KlaviyoProblem.NotFound(ConversationId.of("conv_missing"));
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.error("5a3c9d1e-6b2f-4c8a-9e07-1d4f8b2a7c63").document())
        .isEqualTo(Fixtures.json("golden/error-not-found.json"));
  }

  private static String rule(String header) {
    return KlaviyoApiKey.fromHeader(Option.some(header)).getLeft().rule();
  }
}
