package dev.conversation.wire.klaviyo;

import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static dev.conversation.testkit.ConversationGenerators.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Actor;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Over generated conversation lives: schema conformance, the status table, sparse fieldsets, timestamps and links. */
class KlaviyoResourceProperties {

  private static final List<String> BASES = List.of("https://a.klaviyo.com", "http://localhost:8080", "https://api.example.com/klaviyo/");

  /** DESIGN section 6, Klaviyo's column, as data: every state but RESOLVED maps to one word. */
  private static final Map<Status, String> DESIGN_TABLE = HashMap.of(
      Status.NEW, "open", Status.ACTIVE, "open", Status.WAITING, "open", Status.SNOOZED, "open",
      Status.HUMAN_MANAGED, "routed-to-team", Status.CLOSED, "closed");

  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d*[1-9])?\\+00:00");

  private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9._~-]|%[0-9A-F]{2})+");

  private static Gen<Scenario.Trace> lives() {
    return scenarios(40).map(Scenario::play);
  }

  @Test
  void everyRenderingOfAGeneratedLifeConformsToTheSeedsSchema() {
    qt().withExamples(300).forAll(lives(), Generate.pick(BASES.asJava())).checkAssert((trace, base) -> {
      KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at(base);
      Conversation last = trace.last();
      for (Seq<dev.conversation.domain.Message> messages : List.of(trace.messages(), List.<dev.conversation.domain.Message>empty())) {
        ObjectNode document = klaviyo.document(last, messages);
        assertThat(SeedSchemas.violations(SeedSchemas.response(), document)).as("%s", document).isEmpty();
        assertThat(document.at("/data/relationships/customer-agent-messages/data")).as("every message but the internal notes")
            .hasSize(dev.conversation.domain.Visibility.forCustomer(messages).size());
      }
    });
  }

  @Test
  void theStatusProjectionIsTotalAndFollowsTheDesignTableInEveryStateALifePassesThrough() {
    JsonNode seedWords = SeedSchemas.document().at("/components/schemas/ConversationResponse/properties/status/enum");
    Set<KlaviyoStatus> seen = Collections.synchronizedSet(EnumSet.noneOf(KlaviyoStatus.class));
    Set<Status> states = Collections.synchronizedSet(EnumSet.noneOf(Status.class));
    qt().withExamples(400).forAll(lives()).checkAssert(trace -> {
      for (Conversation c : trace.states()) {
        KlaviyoStatus projected = KlaviyoStatus.of(c);
        String expected = c.status() == Status.RESOLVED
            ? c.resolution().get().resolver().actor() == Actor.AI_AGENT ? "resolved-by-ai" : "closed"
            : DESIGN_TABLE.get(c.status()).get();
        assertThat(projected.wire()).as("%s resolved by %s", c.status(), c.resolution().map(r -> r.resolver().actor()))
            .isEqualTo(expected);
        assertThat(seedWords).extracting(JsonNode::asText).contains(projected.wire());
        assertThat(KlaviyoStatus.parse(projected.wire()).get()).isEqualTo(projected);
        seen.add(projected);
        states.add(c.status());
      }
    });
    assertThat(states).as("the generated lives reach every canonical state").containsExactlyInAnyOrder(Status.values());
    assertThat(seen).as("and every Klaviyo word").containsExactlyInAnyOrder(KlaviyoStatus.values());
  }

  @Test
  void sparseFieldsetsRenderExactlyTheRequestedAttributesAndLeaveTheRestAlone() {
    Gen<List<String>> requested = lists().of(booleans().all()).ofSize(4)
        .map(flags -> KlaviyoFields.allowed().toList().zip(flags).filter(p -> p._2).map(p -> p._1));
    Gen<String> values = requested.zip(integers().between(0, 2), (names, style) -> switch (style) {
      case 0 -> names.mkString(",");
      case 1 -> names.reverse().mkString(" , ");
      default -> names.appendAll(names).mkString(",");
    });
    qt().withExamples(300).forAll(lives(), values).checkAssert((trace, value) -> {
      KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("https://a.klaviyo.com");
      KlaviyoFields fields = KlaviyoFields.parse(Option.some(value)).get();
      ObjectNode full = klaviyo.document(trace.last(), trace.messages());
      ObjectNode sparse = klaviyo.document(trace.last(), trace.messages(), fields);

      Iterator<String> names = sparse.at("/data/attributes").fieldNames();
      List<String> rendered = List.ofAll(() -> names);
      List<String> wanted = List.of(value.split(",")).map(String::strip).filter(n -> !n.isEmpty() && !n.equals("id"));
      assertThat(rendered).as("fields=%s", value).containsExactlyInAnyOrderElementsOf(wanted.distinct());
      for (String name : rendered) {
        assertThat(sparse.at("/data/attributes/" + name)).isEqualTo(full.at("/data/attributes/" + name));
      }
      ObjectNode withoutAttributes = sparse.deepCopy();
      withoutAttributes.withObjectProperty("data").set("attributes", full.at("/data/attributes"));
      assertThat(withoutAttributes).as("only attributes differ").isEqualTo(full);
      assertThat(SeedSchemas.violations(SeedSchemas.response(fields), sparse)).as("%s", sparse).isEmpty();
    });
  }

  @Test
  void timestampsAreUtcWithAPlusZeroOffsetAndParseBackToTheSameInstant() {
    long min = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    long max = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
    Gen<Integer> nanos = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(2, Generate.constant(0)),
        org.quicktheories.api.Pair.of(1, integers().between(0, 999).map(ms -> ms * 1_000_000)),
        org.quicktheories.api.Pair.of(2, integers().between(0, 999_999_999))).asJava());
    Gen<Instant> instants = longs().between(min, max).zip(nanos, Instant::ofEpochSecond);
    Conversation base = Fixtures.resolvedByAi().conversation();
    KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("https://a.klaviyo.com");
    qt().withExamples(1_000).forAll(instants, instants).checkAssert((a, b) -> {
      Instant created = a.isBefore(b) ? a : b;
      Instant updated = a.isBefore(b) ? b : a;
      Conversation c = Conversation.builder().from(base).createdAt(created).updatedAt(updated).build();
      JsonNode attributes = klaviyo.document(c, List.empty()).at("/data/attributes");
      for (var pair : List.of(io.vavr.Tuple.of("created_at", created), io.vavr.Tuple.of("updated_at", updated))) {
        String written = attributes.get(pair._1).asText();
        assertThat(written).matches(TIMESTAMP);
        assertThat(OffsetDateTime.parse(written).toInstant()).isEqualTo(pair._2);
      }
    });
  }

  @Test
  void linksEncodeAnyConversationIdAsOnePathSegmentThatDecodesBack() {
    Gen<String> ids = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(4, texts()),
        org.quicktheories.api.Pair.of(1, Generate.pick(java.util.List.of(".", "..", "a/../b", "%2F", "?x=1#f", "a+b c", "~_.-"))))
        .asJava()).map(s -> s.codePointCount(0, s.length()) > 128 ? s.substring(0, s.offsetByCodePoints(0, 128)) : s)
        .assuming(s -> !s.isBlank());
    qt().withExamples(500).forAll(ids, Generate.pick(BASES.asJava())).checkAssert((id, base) -> {
      KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at(base);
      String prefix = klaviyo.baseUrl() + "/api/customer-agent-conversations/";
      String link = klaviyo.link(ConversationId.of(id));
      assertThat(link).startsWith(prefix).endsWith("/");
      String segment = link.substring(prefix.length(), link.length() - 1);
      assertThat(segment).matches(SEGMENT).isNotIn(".", "..");
      assertThat(URLDecoder.decode(segment, StandardCharsets.UTF_8)).isEqualTo(id);
      URI uri = URI.create(link);
      assertThat(uri.normalize()).isEqualTo(uri);

      ObjectNode document = klaviyo.document(Fixtures.started(id).conversation(), List.empty());
      assertThat(document.at("/data/id").asText()).isEqualTo(id);
      assertThat(SeedSchemas.violations(SeedSchemas.response(), document)).as("%s", document).isEmpty();
    });
  }
}
