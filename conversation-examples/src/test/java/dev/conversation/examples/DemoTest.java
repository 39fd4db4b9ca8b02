package dev.conversation.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

  @Test
  void theDemoPlaysTheWholeStoryThroughTheServiceAndPrintsTheDiagram() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Conversation end = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(end.status()).isEqualTo(Status.CLOSED);
    assertThat(end.messageCount()).isEqualTo(5);
    // Ids depend on which of the two simultaneous webhooks won the race, so the story is checked without them.
    assertThat(out).containsSubsequence(
        "(two WhatsApp webhooks arrive at the same instant from a number never seen before)",
        "routed: one conversation for both (CONTINUED + CREATED), one contact",
        "DUPLICATE: \"Hi! Can I return shoes I bought 40 days ago?\" already stored, nothing written",
        "source WEBSITE https://acme.example/help/returns",
        "status NEW -> WAITING",
        "status WAITING -> ACTIVE",
        "already stored, nothing written",
        "status ACTIVE -> HUMAN_MANAGED",
        "REJECTED AI reply is not allowed in HUMAN_MANAGED",
        "[ai-never-talks-over-a-human]",
        "Jane Smith: Hi, Jane here.",
        "status HUMAN_MANAGED -> RESOLVED",
        "timers: nothing due",
        "status RESOLVED -> CLOSED",
        "resolved by Jane Smith",
        "Listing status=closed: " + end.id().value() + "\n",
        "[limit-out-of-range]",
        "Enriched from the directory: contact Maria Rossi +4915112345678 (complete)",
        "Outbox: 16 events",
        "conversation " + end.id().value() + " not found",
        "stateDiagram-v2");
  }

  @Test
  void theDurableDemoKeepsWhatEarlierRunsStored(@TempDir Path folder) {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    Conversation firstEnd = Demo.runDurable(new PrintStream(first, true, StandardCharsets.UTF_8), folder);
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    Conversation secondEnd = Demo.runDurable(new PrintStream(second, true, StandardCharsets.UTF_8), folder);

    assertThat(firstEnd.id().value()).startsWith("run-1-id-");
    assertThat(secondEnd.id().value()).startsWith("run-2-id-");
    assertThat(secondEnd.status()).isEqualTo(Status.CLOSED);
    assertThat(first.toString(StandardCharsets.UTF_8)).containsSubsequence(
        "(migrations applied now: 9); run 1; conversations from earlier runs: none",
        "through the service on the JDBC store (H2 file)",
        "already stored, nothing written",
        "Listing status=closed: " + firstEnd.id().value() + "\n",
        "Enriched from the directory: contact Maria Rossi +4915112345678 (complete)",
        "Outbox: 16 events, positions 1 to 16");
    assertThat(second.toString(StandardCharsets.UTF_8)).as("rule: a second run sees the first run's data")
        .containsSubsequence(
            "(migrations applied now: 0); run 2; conversations from earlier runs: " + firstEnd.id().value() + " CLOSED",
            "Listing status=closed: " + secondEnd.id().value() + ", " + firstEnd.id().value() + "\n",
            "Outbox: 32 events, positions 1 to 32");
  }
}
