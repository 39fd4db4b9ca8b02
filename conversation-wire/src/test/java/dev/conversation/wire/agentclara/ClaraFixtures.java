package dev.conversation.wire.agentclara;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Shared example data and helpers for the AgentClara tests. */
final class ClaraFixtures {

  static final Instant T0 = Instant.parse("2026-03-24T08:15:00Z");
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");
  static final WorkspaceId SUPPORT = WorkspaceId.of("support");

  private ClaraFixtures() {}

  /** A service on a fresh in-memory store with a fixed clock and ids {@code id-1, id-2, ...}. */
  static Conversations service() {
    AtomicLong next = new AtomicLong();
    return Conversations.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).ids(() -> "id-" + next.incrementAndGet()).build();
  }

  static JsonNode json(String text) {
    Either<ApiError, ?> read = AgentClaraJson.read(text);
    assertThat(read.isRight()).as("%s", read).isTrue();
    return (JsonNode) read.get();
  }

  static String resource(String name) {
    try (InputStream in = ClaraFixtures.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row of a documented table: the name and the type columns. */
  record Row(String name, String type, String required) {}

  /** The rows of the table under {@code ## section} (or the only table, for a null section). */
  static Seq<Row> table(String resource, String section) {
    List<String> lines = List.of(resource(resource).split("\n"));
    if (section != null) {
      lines = lines.dropUntil(l -> l.equals("## " + section)).drop(1).takeUntil(l -> l.startsWith("## "));
    }
    return lines.filter(l -> l.contains(" | ") && !l.startsWith("|"))
        .map(l -> l.split(" \\| "))
        .map(cells -> new Row(cells[0].strip(), cells[1].strip(), cells.length > 3 ? cells[2].strip() : ""));
  }

  /** The error of a refused check, which must be a 400 {@code bad_request} naming a parameter. */
  static ApiError badRequest(Either<ApiError, ?> result) {
    assertThat(result.isLeft()).as("expected a bad request, got %s", result).isTrue();
    ApiError error = result.getLeft();
    assertThat(error.status()).as("%s", error).isEqualTo(400);
    assertThat(error.code()).isEqualTo("bad_request");
    assertThat(error.field()).as("%s", error).isNotEmpty();
    return error;
  }

  /** The (first) parameter at fault and its rule, as {@code field:rule}. */
  static String fieldAndRule(ApiError error) {
    return error.field().getOrElse("") + ":" + error.rule();
  }
}
