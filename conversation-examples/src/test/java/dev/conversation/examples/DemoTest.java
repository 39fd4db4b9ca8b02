package dev.conversation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void theDemoPlaysTheWholeStoryThroughTheServiceAndPrintsTheDiagram() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Conversation end = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(end.status()).isEqualTo(Status.CLOSED);
    assertThat(end.messageCount()).isEqualTo(4);
    assertThat(out).containsSubsequence(
        "source WEBSITE https://acme.example/help/returns",
        "status NEW -> WAITING",
        "status WAITING -> ACTIVE",
        "replayed: id-5 already stored, nothing written",
        "status ACTIVE -> HUMAN_MANAGED",
        "REJECTED AI reply is not allowed in HUMAN_MANAGED",
        "[ai-never-talks-over-a-human]",
        "Jane Smith: Hi, Jane here.",
        "status HUMAN_MANAGED -> RESOLVED",
        "timers: nothing due",
        "status RESOLVED -> CLOSED",
        "resolved by Jane Smith",
        "Listing status=closed: id-1",
        "[limit-out-of-range]",
        "Enriched from the directory: contact Maria Rossi +4915112345678 (complete)",
        "Outbox: 15 events",
        "conversation id-1 not found",
        "stateDiagram-v2");
  }
}
