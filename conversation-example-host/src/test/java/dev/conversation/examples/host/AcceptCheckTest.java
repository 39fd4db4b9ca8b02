package dev.conversation.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The Accept rule: the most specific range that matches decides, by its quality. */
class AcceptCheckTest {

  private static boolean accepts(String accept, String produced) {
    return AcceptCheck.acceptable(MediaType.parseMediaTypes(accept), MediaType.parseMediaType(produced));
  }

  @Test
  void theMostSpecificMatchingRangeDecides() {
    assertThat(accepts("application/json", "application/json")).isTrue();
    assertThat(accepts("*/*", "application/json")).isTrue();
    assertThat(accepts("application/*", "application/json")).isTrue();
    assertThat(accepts("text/html", "application/json")).isFalse();
    assertThat(accepts("application/json;q=0", "application/json")).isFalse();
    assertThat(accepts("application/json;q=0, */*", "application/json")).as("RFC 9110: the specific exclusion wins").isFalse();
    assertThat(accepts("*/*;q=0, application/json", "application/json")).isTrue();
    assertThat(accepts("text/html, application/json", "application/json")).as("two headers, combined").isTrue();
    assertThat(accepts("application/json", "application/vnd.api+json")).as("JSON:API is JSON").isTrue();
    assertThat(accepts("application/vnd.api+json", "application/json")).isFalse();
    assertThat(accepts("application/json;q=0.1, application/*;q=0", "application/json")).isTrue();
  }
}
