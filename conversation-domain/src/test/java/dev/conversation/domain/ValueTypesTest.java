package dev.conversation.domain;

import static dev.conversation.domain.Fixtures.JANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.HashMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The small value types: their rules and their messages. */
class ValueTypesTest {

  @Test
  void aChannelWithoutAnInstanceIsOneSharedValuePerType() {
    for (ChannelType type : ChannelType.values()) {
      assertThat(Channel.of(type)).isSameAs(Channel.of(type)).isEqualTo(new Channel(type, io.vavr.control.Option.none()));
      assertThat(Channel.of(type).type()).isEqualTo(type);
      assertThat(Channel.of(type).instance()).isEmpty();
    }
    assertThat(Channel.of(ChannelType.SMS, ChannelId.of("line-2"))).isNotEqualTo(Channel.of(ChannelType.SMS));
    assertThat(Channel.of(ChannelType.SMS, io.vavr.control.Option.<ChannelId>none())).isSameAs(Channel.of(ChannelType.SMS));
    assertThat(Channel.of(ChannelType.SMS, io.vavr.control.Option.some(ChannelId.of("line-2"))))
        .isEqualTo(Channel.of(ChannelType.SMS, ChannelId.of("line-2")));
    assertThatThrownBy(() -> Channel.of(ChannelType.SMS, (io.vavr.control.Option<ChannelId>) null))
        .isInstanceOf(NullPointerException.class).hasMessage("instance");
  }

  @Test
  void phoneNumbersMustBeE164() {
    assertThat(PhoneNumber.parse("phone", "+4915112345678").isValid()).isTrue();
    assertThat(PhoneNumber.parse("customer_phone", "0151 12345678").getError().message())
        .startsWith("customer_phone must be an E.164 phone number");
    assertThatThrownBy(() -> new PhoneNumber("123")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emailAddressesNeedALocalPartAndADottedDomain() {
    assertThat(EmailAddress.parse("email", "jane.doe+vip@mail.example.co.uk").isValid()).isTrue();
    assertThat(EmailAddress.parse("email", "jane@localhost").getError().rule()).isEqualTo("email");
  }

  @Test
  void tagsAreTextWithoutControlCharacters() {
    assertThat(Tag.parse("tags[0]", "churn-risk").get()).isEqualTo(Tag.of("churn-risk"));
    assertThat(Tag.parse("tags[0]", "a\u0007b").getError().rule()).isEqualTo("no-control-characters");
    assertThat(Tag.parse("tags[0]", "x".repeat(51)).getError().message()).isEqualTo("tags[0] is 51 characters long; the limit is 50");
  }

  @Test
  void textAndIdsMustBeWellFormedUnicode() {
    assertThat(Tag.parse("tags[0]", "a\u0000b").getError().rule()).isEqualTo("malformed-text");
    assertThat(Tag.parse("tags[0]", "x\uD800").getError().message())
        .isEqualTo("tags[0] must be well-formed Unicode text: no NUL character and no unpaired surrogate");
    assertThat(Tag.parse("tags[0]", "\uDC00x").getError().rule()).isEqualTo("malformed-text");
    assertThat(Tag.parse("tags[0]", "ok\uD83D\uDE00").isValid()).as("a surrogate pair is a character").isTrue();
    assertThatThrownBy(() -> ConversationId.of("c\u0000"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId must be well-formed");
    assertThatThrownBy(() -> Message.builder().id(MessageId.of("m")).conversationId(ConversationId.of("c"))
        .author(Participant.customer()).content("hi \uDBFF").createdAt(java.time.Instant.EPOCH).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content must be well-formed");
  }

  @Test
  void idsAreNonBlankAndBounded() {
    assertThat(ConversationId.of("c-1").toString()).isEqualTo("c-1");
    assertThatThrownBy(() -> ConversationId.of(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId");
    assertThatThrownBy(() -> TenantId.of(null)).isInstanceOf(NullPointerException.class).hasMessage("tenantId");
  }

  @Test
  void participantsAreConsistentWithTheirActor() {
    assertThat(Participant.human(JANE).actor()).isEqualTo(Actor.HUMAN_AGENT);
    assertThatThrownBy(() -> new Participant(Actor.HUMAN_AGENT, Option.none(), Option.none()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Participant(Actor.CUSTOMER, Option.none(), Option.some(AiAgentId.of("ai"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAssigneeNeedsAnAgentOrATeam() {
    assertThatThrownBy(() -> new Assignee(Option.none(), Option.none())).hasMessageContaining("agent, a team or both");
  }

  @Test
  void contactParseReportsEveryProblemAtOnce() {
    var result = Contact.parse(ContactId.of("ct-1"), Option.some(" "), Option.some("nope"), Option.some("12345"));
    assertThat(result.getError().map(Violation::field)).containsExactly("name", "email", "phone");
    Contact ok = Contact.parse(ContactId.of("ct-1"), Option.some("Max"), Option.some("max@example.de"), Option.some("+4915112345678")).get();
    assertThat(ok.pointFor(ChannelType.WHATSAPP)).contains(new PhoneNumber("+4915112345678"));
    assertThat(ok.pointFor(ChannelType.EMAIL)).contains(new EmailAddress("max@example.de"));
    assertThat(ok.pointFor(ChannelType.INSTAGRAM)).isEmpty();
    assertThat(ok.pointFor(ChannelType.WEB_CHAT)).isEmpty();
  }

  @Test
  void handlesBelongToHandleChannelsOnly() {
    Contact withHandle = Contact.builder().id(ContactId.of("c")).handles(HashMap.of(ChannelType.SLACK, new Handle("U123"))).build();
    assertThat(withHandle.pointFor(ChannelType.SLACK)).contains(new Handle("U123"));
    assertThatThrownBy(() -> Contact.builder().id(ContactId.of("c")).handles(HashMap.of(ChannelType.SMS, new Handle("x"))).build())
        .hasMessageContaining("SMS");
  }

  @Test
  void accountsHaveANameAndMaybeADomain() {
    assertThat(new Account(AccountId.of("ac-1"), "Acme GmbH", Option.some("acme.de")).domain()).contains("acme.de");
    assertThatThrownBy(() -> new Account(AccountId.of("ac-1"), "Acme", Option.some("not a domain")))
        .hasMessageContaining("domain");
  }

  @Test
  void citationsHaveAFiniteNonNegativeDistance() {
    assertThatThrownBy(() -> Citation.of(SourceType.PDF, "https://kb/x.pdf", -0.1)).hasMessageContaining("distance");
    assertThatThrownBy(() -> Citation.of(SourceType.PDF, "https://kb/x.pdf", Double.NaN)).hasMessageContaining("distance");
  }

  @Test
  void thePreviewKeepsTheFirst140CharactersWithoutSplittingAnEmoji() {
    String preview = Text.preview("😀".repeat(200));
    assertThat(preview.codePointCount(0, preview.length())).isEqualTo(Limits.PREVIEW);
    assertThat(preview).endsWith("…");
    assertThat(Text.preview("short")).isEqualTo("short");
  }
}
