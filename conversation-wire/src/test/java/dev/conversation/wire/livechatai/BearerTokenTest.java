package dev.conversation.wire.livechatai;

import static org.assertj.core.api.Assertions.assertThat;

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
      assertThat(BearerToken.parse(header).getLeft()).as("%s", header).isEqualTo(new LiveChatAiError.MissingToken());
    }
  }

  @Test
  void anotherSchemeNoTokenOrForeignCharactersAreMalformedAndTheMessageNeverShowsTheHeader() {
    List<String> malformed = List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer secret more", "Bearer s3cr@t",
        "Bearersecret", "Token secret", "Bearer =abc", "Bearer ab=c", "Bearer\tsecret");
    for (String header : malformed) {
      LiveChatAiError error = BearerToken.parse(Option.some(header)).getLeft();
      assertThat(error).as(header).isInstanceOf(LiveChatAiError.MalformedToken.class);
      assertThat(error.httpStatus()).isEqualTo(401);
      assertThat(error.message()).as(header).doesNotContain("secret", "s3cr", "dXNlcjpwYXNz");
    }
  }
}
