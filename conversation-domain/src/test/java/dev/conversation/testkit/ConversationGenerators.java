package dev.conversation.testkit;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.conversation.domain.AccountId;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Command;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.Limits;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Priority;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.TimerPolicy;
import dev.conversation.domain.WorkspaceId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for the conversation domain, for this library's property tests and
 * for host projects' own. Every generator here produces valid values unless its name says
 * otherwise; {@link #scenarios()} produces whole random lives of a conversation that reach
 * every lifecycle state, including rejected commands, timer ticks and a clock that sometimes
 * steps back.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConversationGenerators {

  /** The earliest instant the generators produce. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** One day after {@link #EPOCH}. */
  public static final Instant EPOCH_PLUS_DAY = EPOCH.plus(Duration.ofDays(1));

  private ConversationGenerators() {}

  /** Instants within a year after {@link #EPOCH}, to the second. */
  public static Gen<Instant> instants() {
    return longs().between(0, 365L * 24 * 3600).map(EPOCH::plusSeconds);
  }

  /**
   * Identifiers: a prefix, a random number and a serial number. The serial makes every generated
   * id distinct (QuickTheories draws the same random numbers often), so a played scenario's
   * messages can be stored where message ids must be unique.
   */
  public static Gen<String> ids(String prefix) {
    return longs().between(0, Long.MAX_VALUE).map(n -> prefix + Long.toString(n, 36) + "-" + SERIAL.incrementAndGet());
  }

  private static final java.util.concurrent.atomic.AtomicLong SERIAL = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Non-blank, well-formed text: mostly Latin words, now and then characters from Unicode's first
   * plane (surrogates excluded) or emoji beyond it (proper surrogate pairs).
   */
  public static Gen<String> texts() {
    Gen<String> latin = lists().of(strings().basicLatinAlphabet().ofLengthBetween(1, 12))
        .ofSizeBetween(1, 12).map(words -> String.join(" ", words));
    Gen<String> firstPlane = strings().betweenCodePoints(0x20, Character.MIN_SURROGATE - 1).ofLengthBetween(1, 40);
    Gen<String> emoji = strings().betweenCodePoints(0x1F300, 0x1F64F).ofLengthBetween(1, 10);
    return Generate.frequency(Pair.of(12, latin), Pair.of(2, firstPlane), Pair.of(1, emoji))
        .map(ConversationGenerators::nonBlank);
  }

  private static String nonBlank(String text) {
    return text.isBlank() ? "x" + text : text;
  }

  /** Valid tag names: 1 to 20 letters and digits. */
  public static Gen<String> tagNames() {
    return Generate.pick(java.util.List.of("vip", "refund", "billing", "urgent", "bug", "lead", "churn-risk", "de", "Spam"))
        .mix(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20), 30);
  }

  /** Tag names that break a rule: blank, too long, or with a control character. */
  public static Gen<String> invalidTagNames() {
    return Generate.pick(java.util.List.of("", "   ", "x".repeat(Limits.MAX_TAG + 1), "bad\ttag", "line\nbreak"));
  }

  /** E.164 phone numbers. */
  public static Gen<String> phoneNumbers() {
    return integers().between(1, 9).zip(longs().between(1_000_000L, 99_999_999_999_999L),
        (country, rest) -> ("+" + country + rest).substring(0, Math.min(16, ("+" + country + rest).length())));
  }

  /** Strings that are not E.164 phone numbers. */
  public static Gen<String> invalidPhoneNumbers() {
    return Generate.pick(java.util.List.of("", "4915112345678", "+0151123", "+49 151 1234567", "+1234567890123456",
        "+49-151-1234567", "phone", "+"));
  }

  /** E-mail addresses. */
  public static Gen<String> emailAddresses() {
    return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20)
        .zip(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 20),
            Generate.pick(java.util.List.of("com", "de", "io", "co.uk")),
            (local, domain, tld) -> local + "@" + domain + "." + tld);
  }

  /** Strings that are not e-mail addresses. */
  public static Gen<String> invalidEmailAddresses() {
    return Generate.pick(java.util.List.of("", "jane", "jane@", "@example.com", "jane@example", "jane doe@example.com",
        "jane@@example.com", "jane@exa mple.com", "jane@example..com", "j@" + "x".repeat(250) + ".com"));
  }

  /** Platform handles. */
  public static Gen<String> handles() {
    return strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 30).map(s -> "@" + s);
  }

  /** Human agents with ids from a small pool, so that the same agent shows up again. */
  public static Gen<HumanAgent> humanAgents() {
    return integers().between(1, 4).map(n -> new HumanAgent(HumanAgentId.of("agent-" + n), "Agent " + n,
        Option.some(new EmailAddress("agent" + n + "@support.example.com")), Option.none()));
  }

  /** Any participant: customer, the AI (named or not), a human agent, the system. */
  public static Gen<Participant> participants() {
    return Generate.oneOf(
        Generate.constant(Participant.customer()),
        Generate.constant(Participant.ai()),
        Generate.constant(Participant.ai(AiAgentId.of("ai-1"))),
        humanAgents().map(Participant::human),
        Generate.constant(Participant.system()));
  }

  /** Channels of every type, sometimes with an instance id. */
  public static Gen<Channel> channels() {
    return Generate.enumValues(ChannelType.class).zip(booleans().all(),
        (type, instance) -> instance ? Channel.of(type, ChannelId.of("ch-" + type.name().toLowerCase())) : Channel.of(type));
  }

  /** A valid customer address for a channel type: the kind it requires, or (for web chat) maybe none. */
  public static Gen<Option<String>> customerAddressFor(ChannelType type) {
    Option<ContactPoint.Kind> kind = type.requires();
    if (kind.isEmpty()) {
      return Generate.oneOf(Generate.constant(Option.<String>none()), emailAddresses().map(Option::some));
    }
    return switch (kind.get()) {
      case PHONE -> phoneNumbers().map(Option::some);
      case EMAIL -> emailAddresses().map(Option::some);
      case HANDLE -> handles().map(Option::some);
    };
  }

  /** Valid start requests on every channel, sometimes with a subject, links and a first message. */
  public static Gen<StartConversation> startRequests() {
    Gen<StartConversation> addressed = channels().zip(ids("conv-"), (channel, id) -> Pair.of(channel, id))
        .flatMap(p -> customerAddressFor(p._1.type()).map(address -> {
          StartConversation start = StartConversation.of(ConversationId.of(p._2), TenantId.of("tenant-1"),
              WorkspaceId.of("ws-1"), p._1);
          return address.map(start::customerAddress).getOrElse(start);
        }));
    return addressed.zip(booleans().all(), texts().toOptionals(50), (start, linked, first) -> {
      String id = start.id().value();
      StartConversation s = linked
          ? start.contactId(ContactId.of("contact-" + id)).accountId(AccountId.of("account-" + id)).subject("About " + id)
          : start;
      return first.map(text -> s.firstMessage(Command.AppendMessage.of(MessageId.of(id + "-m0"), Participant.customer(), text)))
          .orElse(s);
    });
  }

  /**
   * Timer policies: auto-resolve after 1 to 48 hours, auto-close after 1 to 14 days, resolve idle
   * human-managed after 1 to 10 days, first reply within 1 to 120 minutes, next reply within 1 to
   * 24 hours, each or off.
   */
  public static Gen<TimerPolicy> timerPolicies() {
    Gen<Option<Duration>> resolve = integers().between(0, 48).map(h -> h == 0 ? Option.none() : Option.some(Duration.ofHours(h)));
    Gen<Option<Duration>> close = integers().between(0, 14).map(d -> d == 0 ? Option.none() : Option.some(Duration.ofDays(d)));
    Gen<Option<Duration>> idle = integers().between(0, 10).map(d -> d == 0 ? Option.none() : Option.some(Duration.ofDays(d)));
    Gen<Option<Duration>> firstReply = integers().between(0, 120).map(m -> m == 0 ? Option.none() : Option.some(Duration.ofMinutes(m)));
    Gen<Option<Duration>> nextReply = integers().between(0, 24).map(h -> h == 0 ? Option.none() : Option.some(Duration.ofHours(h)));
    return resolve.zip(close, idle, (r, c, i) -> new TimerPolicy(r, c, i, Option.none(), Option.none()))
        .zip(firstReply, nextReply, (p, f, n) -> new TimerPolicy(p.autoResolveAfter(), p.autoCloseAfter(),
            p.resolveIdleHumanAfter(), f, n));
  }

  /** Scenarios of up to 50 steps. */
  public static Gen<Scenario> scenarios() {
    return scenarios(50);
  }

  /** Scenarios of up to {@code maxSteps} steps. */
  public static Gen<Scenario> scenarios(int maxSteps) {
    return startRequests().zip(instants(), timerPolicies(), lists().of(timedSteps()).ofSizeBetween(0, maxSteps),
        (start, startedAt, policy, raw) -> {
          List<Scenario.Step> steps = List.empty();
          Instant at = startedAt;
          for (Pair<Long, Function<Instant, Scenario.Step>> step : raw) {
            at = at.plusSeconds(step._1);
            steps = steps.prepend(step._2.apply(at));
          }
          return new Scenario(start, startedAt, policy, steps.reverse());
        });
  }

  /** Conversations in random reachable states: the end of a played scenario. */
  public static Gen<Conversation> conversations() {
    return scenarios().map(s -> s.play().last());
  }

  private static Gen<Pair<Long, Function<Instant, Scenario.Step>>> timedSteps() {
    Gen<Long> delta = Generate.frequency(
        Pair.of(6, longs().between(0, 600)),
        Pair.of(3, longs().between(600, 6 * 3600)),
        Pair.of(1, longs().between(24 * 3600, 5 * 24 * 3600)),
        Pair.of(1, longs().between(-600, 0)));
    Gen<Function<Instant, Scenario.Step>> tick = Generate.constant(at -> new Scenario.Tick(at));
    Gen<Function<Instant, Scenario.Step>> command = commands().map(f -> at -> new Scenario.Do(at, f.apply(at)));
    Gen<Function<Instant, Scenario.Step>> receipt = receipts();
    return delta.zip(Generate.frequency(Pair.of(1, tick), Pair.of(9, command), Pair.of(2, receipt)), Pair::of);
  }

  /**
   * Channel receipts for the messages of a scenario: every status, mostly well-formed, now and
   * then a failure without a reason, a reason without a failure, or a second provider id.
   */
  public static Gen<Function<Instant, Scenario.Step>> receipts() {
    Gen<Option<String>> provider = integers().between(0, 3).map(n -> n == 0 ? Option.<String>none() : Option.some("SM" + n));
    Gen<DeliveryStatus> status = Generate.enumValues(DeliveryStatus.class);
    Gen<Integer> oddity = integers().between(0, 19);
    return integers().between(0, 9).zip(status, provider, oddity, (pick, st, id, odd) -> {
      Option<String> reason = st == DeliveryStatus.FAILED ? Option.some("30003: Unreachable destination handset") : Option.none();
      if (odd == 0) {
        reason = reason.isDefined() ? Option.none() : Option.some("a reason without a failure");
      }
      Option<String> finalReason = reason;
      return at -> new Scenario.Receipt(at, pick, st, id, finalReason);
    });
  }

  /**
   * Attachments: images, PDFs and other files with and without captions, mostly within the
   * limits, now and then over one (size, media type, name).
   */
  public static Gen<Attachment> attachments() {
    Gen<String> type = Generate.pick(java.util.List.of("image/jpeg", "image/png", "application/pdf", "audio/ogg",
        "video/mp4", "text/csv", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    Gen<Long> size = Generate.frequency(Pair.of(20, longs().between(0, 20_000_000)),
        Pair.of(1, Generate.constant(Limits.MAX_ATTACHMENT_BYTES + 1)));
    Gen<String> mediaType = Generate.frequency(Pair.of(20, type), Pair.of(1, Generate.pick(java.util.List.of("image", "*/*", "text/plain; charset=utf-8"))));
    Gen<String> name = Generate.frequency(Pair.of(20, ids("file-").map(id -> id + ".bin")), Pair.of(1, Generate.constant(" ")));
    return name.zip(mediaType, size, texts().toOptionals(40), (n, t, sz, caption) -> {
      Attachment a = new Attachment(n, t, sz, "https://files.example.com/" + Math.abs(n.hashCode()) + "/" + n, Option.none());
      return caption.isPresent() ? a.withCaption(caption.get()) : a;
    });
  }

  /**
   * Commands of every kind, as functions of the time they are issued at (a snooze's wake-up
   * time is relative to it). Mostly by the actor who would plausibly issue them, now and then
   * by anyone, and now and then with invalid input.
   */
  public static Gen<Function<Instant, Command>> commands() {
    Gen<Participant> anyone = participants();
    Gen<Participant> staff = Generate.frequency(Pair.of(3, Generate.constant(Participant.ai())),
        Pair.of(3, humanAgents().map(Participant::human)), Pair.of(1, Generate.constant(Participant.system())));
    Gen<Participant> humanish = Generate.frequency(Pair.of(4, humanAgents().map(Participant::human)),
        Pair.of(1, Generate.constant(Participant.system())));
    Gen<String> content = Generate.frequency(Pair.of(30, texts()),
        Pair.of(1, Generate.pick(java.util.List.of("", "  ", "y".repeat(Limits.MAX_CONTENT + 1)))));
    Gen<String> note = Generate.frequency(Pair.of(12, texts()), Pair.of(1, Generate.constant(" ")));

    // Files: mostly none; with some, the text is now and then left out.
    Gen<Seq<Attachment>> files = Generate.frequency(Pair.of(6, Generate.constant(List.<Attachment>empty())),
        Pair.of(1, lists().of(attachments()).ofSizeBetween(1, 3).map(l -> (Seq<Attachment>) List.ofAll(l))));
    Gen<Function<Instant, Command>> customer = ids("m-").zip(content, files, (id, text, attached) ->
        at -> Command.AppendMessage.of(MessageId.of(id), Participant.customer(), attached.nonEmpty() && text.length() % 3 == 0 ? "" : text)
            .withAttachments(attached));
    Gen<Function<Instant, Command>> ai = ids("m-").zip(content, lists().of(citations()).ofSizeBetween(0, 3), files, (id, text, sources, attached) ->
        at -> new Command.AppendMessage(MessageId.of(id), Participant.ai(), text, List.ofAll(sources), Option.none())
            .withAttachments(attached));
    Gen<Function<Instant, Command>> human = ids("m-").zip(content, humanAgents(), files, (id, text, agent, attached) ->
        at -> Command.AppendMessage.of(MessageId.of(id), Participant.human(agent), attached.nonEmpty() && text.length() % 3 == 0 ? "" : text)
            .withAttachments(attached));
    Gen<Function<Instant, Command>> system = ids("m-").zip(texts(), (id, text) ->
        at -> Command.AppendMessage.of(MessageId.of(id), Participant.system(), text));
    Gen<Function<Instant, Command>> anyMessage = ids("m-").zip(content, anyone, (id, text, by) ->
        at -> Command.AppendMessage.of(MessageId.of(id), by, text));
    // Internal notes: mostly by the staff, now and then (refused) by the customer.
    Gen<Function<Instant, Command>> internalNote = ids("n-").zip(content,
        Generate.frequency(Pair.of(8, staff), Pair.of(1, Generate.constant(Participant.customer()))),
        (id, text, by) -> at -> Command.AppendMessage.note(MessageId.of(id), by, text));
    Gen<Function<Instant, Command>> handOff = staff.zip(humanAgents().toOptionals(50),
        integers().between(0, 3).map(n -> n == 0 ? Option.<TeamId>none() : Option.some(TeamId.of("team-" + n))), note,
        (by, agent, team, reason) -> at -> new Command.HandOff(by, Option.ofOptional(agent), team, reason));
    Gen<Function<Instant, Command>> returnToAi = humanish.map(by -> at -> new Command.ReturnToAi(by));
    Gen<Function<Instant, Command>> resolve = staff.zip(note, (by, outcome) -> at -> new Command.Resolve(by, outcome));
    Gen<Function<Instant, Command>> resolveIdle = staff.zip(note, (by, outcome) -> at -> new Command.ResolveIdle(by, outcome));
    Gen<Function<Instant, Command>> reopen = humanish.map(by -> at -> new Command.Reopen(by));
    Gen<Function<Instant, Command>> close = staff.map(by -> at -> new Command.Close(by));
    Gen<Function<Instant, Command>> snooze = staff.zip(longs().between(-3600, 3 * 24 * 3600),
        (by, offset) -> at -> new Command.Snooze(by, at.plusSeconds(offset)));
    Gen<Function<Instant, Command>> wake = humanish.map(by -> at -> new Command.Wake(by));
    Gen<Function<Instant, Command>> update = staff.zip(metadataChanges(), (by, change) -> at -> change.apply(Command.UpdateMetadata.by(by)));
    Gen<Function<Instant, Command>> markRead = anyone.zip(Generate.enumValues(ReadSide.class),
        (by, side) -> at -> new Command.MarkRead(by, side));
    Gen<Function<Instant, Command>> raise = staff.zip(integers().between(1, 4), texts(), note,
        (by, n, kind, text) -> at -> new Command.RaiseAttention(by, AttentionId.of("att-" + n), kind.strip().isEmpty() ? "kind" : kind, text));
    Gen<Function<Instant, Command>> clear = humanish.zip(integers().between(1, 4),
        (by, n) -> at -> new Command.ClearAttention(by, AttentionId.of("att-" + n)));
    return Generate.frequency(java.util.List.of(
        Pair.of(20, customer), Pair.of(20, ai), Pair.of(6, human), Pair.of(2, system), Pair.of(3, anyMessage), Pair.of(4, internalNote),
        Pair.of(6, handOff), Pair.of(4, returnToAi), Pair.of(6, resolve), Pair.of(1, resolveIdle), Pair.of(3, reopen), Pair.of(1, close),
        Pair.of(4, snooze), Pair.of(2, wake), Pair.of(5, update), Pair.of(4, markRead), Pair.of(3, raise), Pair.of(2, clear)));
  }

  /** Source citations of every type. */
  public static Gen<Citation> citations() {
    return Generate.enumValues(SourceType.class).zip(doubles().between(0, 2), ids("src-"),
        (type, distance, id) -> new Citation(Option.some(id), type,
            type == SourceType.TEXT || type == SourceType.QA ? Option.none() : Option.some("https://kb.example.com/" + id), distance));
  }

  /** Metadata changes: a function adding random (sometimes invalid) changes to an update. */
  public static Gen<Function<Command.UpdateMetadata, Command.UpdateMetadata>> metadataChanges() {
    Gen<String> tag = Generate.frequency(Pair.of(15, tagNames()), Pair.of(1, invalidTagNames()));
    return lists().of(tag).ofSizeBetween(0, 3).zip(lists().of(tagNames()).ofSizeBetween(0, 2),
        Generate.enumValues(Priority.class).toOptionals(60), booleans().all().toOptionals(60),
        (add, remove, priority, starred) -> u -> {
          Command.UpdateMetadata out = u.addTags(add.toArray(String[]::new)).removeTags(remove.toArray(String[]::new));
          out = priority.map(out::priority).orElse(out);
          out = starred.map(out::starred).orElse(out);
          return add.isEmpty() ? out.summary("Summary after " + remove.size() + " removals").subject("Subject") : out;
        });
  }
}
