package dev.conversation.wire.livechatai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Reading {@code Authorization: Bearer <token>}: the token, or why not, without ever repeating the header. */
class BearerTokenTest {

  @Test
  void theTokenOfAWellFormedHeader() {
    assertThat(BearerToken.parse(Option.some("Bearer lcai_9f8e7d.6c-5b_4a~3+2/1==")).get()).isEqualTo("lcai_9f8e7d.6c-5b_4a~3+2/1==");
    assertThat(BearerToken.parse(Option.some("bearer abc")).get()).as("the scheme ignores case").isEqualTo("abc");
    assertThat(BearerToken.parse(Option.some("  BEARER    abc \t")).get()).isEqualTo("abc");
  }

  @Test
  void noHeaderOrABlankOneIsMissing() {
    for (Option<String> header : List.of(Option.<String>none(), Option.some(""), Option.some("   "))) {
      assertThat(BearerToken.parse(header).getLeft()).as("%s", header).isEqualTo(new ApiError(401, "required",
          "the Authorization header is missing; send 'Authorization: Bearer <token>'", Option.some("Authorization")));
    }
  }

  @Test
  void anotherSchemeNoTokenOrForeignCharactersAreMalformedAndTheMessageNeverShowsTheHeader() {
    List<String> malformed = List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer secret more", "Bearer s3cr@t",
        "Bearersecret", "Token secret", "Bearer =abc", "Bearer ab=c", "Bearer\tsecret");
    for (String header : malformed) {
      ApiError error = BearerToken.parse(Option.some(header)).getLeft();
      assertThat(error.status()).as(header).isEqualTo(401);
      assertThat(error.field()).as(header).contains("Authorization");
      assertThat(error.rule()).as(header).isIn("bearer-scheme", "token-required", "b64token");
      assertThat(error.message()).as(header).startsWith("the Authorization header must be 'Bearer <token>': ");
      assertThat(error.message()).as(header).doesNotContain("secret", "s3cr", "dXNlcjpwYXNz");
    }
  }

  @Test
  void eachMalformedHeaderNamesItsRuleAndSaysWhatIsWrong() {
    assertThat(BearerToken.parse(Option.some("Basic dXNlcjpwYXNz")).getLeft()).isEqualTo(ApiError.unauthorized("Authorization",
        "bearer-scheme", "the Authorization header must be 'Bearer <token>': the scheme must be Bearer"));
    for (String header : List.of("Bearersecret", "Token secret", "Bearer\tsecret")) {
      assertThat(BearerToken.parse(Option.some(header)).getLeft().rule()).as(header).isEqualTo("bearer-scheme");
    }
    for (String header : List.of("Bearer", "Bearer ")) {
      assertThat(BearerToken.parse(Option.some(header)).getLeft()).as(header).isEqualTo(ApiError.unauthorized("Authorization",
          "token-required", "the Authorization header must be 'Bearer <token>': the token is missing"));
    }
    for (String header : List.of("Bearer secret more", "Bearer s3cr@t", "Bearer =abc", "Bearer ab=c")) {
      assertThat(BearerToken.parse(Option.some(header)).getLeft()).as(header).isEqualTo(ApiError.unauthorized("Authorization",
          "b64token", "the Authorization header must be 'Bearer <token>': "
              + "the token may hold only letters, digits and - . _ ~ + / followed by = padding"));
    }
  }
}
