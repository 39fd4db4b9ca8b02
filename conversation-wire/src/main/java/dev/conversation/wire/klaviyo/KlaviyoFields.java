package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A sparse fieldset for the conversation resource: which of its fields a client asked for with
 * {@code fields[customer-agent-conversation]=status,updated_at}.
 *
 * <p>The allowed names are the seed's: {@code created_at}, {@code id}, {@code status},
 * {@code updated_at}. Only attributes are ever left out: {@code type}, {@code id},
 * {@code relationships} and {@code links} are always rendered, as JSON:API requires, so asking
 * for {@code id} alone renders an empty {@code attributes} object. Without the parameter every
 * field is rendered; with an empty value no attribute is (JSON:API's reading of
 * {@code fields[TYPE]=}). Names are comma-separated ({@code explode=false}), matched exactly
 * (lower case); whitespace around a name is ignored and repeats are harmless.
 *
 * <p>Immutable and thread-safe; compared by the set of names.
 */
final class KlaviyoFields {

  /** The query parameter's name, {@code fields[customer-agent-conversation]}. */
  public static final String PARAMETER = "fields[" + KlaviyoConversationResource.TYPE + "]";

  /** The field names the parameter accepts, in the seed's order. */
  static final Seq<String> ALLOWED = List.of("created_at", "id", "status", "updated_at");

  private static final KlaviyoFields ALL = new KlaviyoFields(LinkedHashSet.ofAll(ALLOWED));

  private final Set<String> names;

  private KlaviyoFields(Set<String> names) {
    this.names = names;
  }

  /** Returns the fieldset of a request without the parameter: every field. */
  public static KlaviyoFields all() {
    return ALL;
  }

  /** Returns the names the parameter accepts: {@code created_at}, {@code id}, {@code status}, {@code updated_at}. */
  public static Seq<String> allowed() {
    return ALLOWED;
  }

  /**
   * Parses the parameter's value.
   *
   * @param value the raw query value (already percent-decoded); none when the request has no
   *     such parameter
   * @return the fieldset, or {@code UnknownFields} listing every name that is
   *     not allowed (an empty name between two commas included)
   */
  static Either<ApiError, KlaviyoFields> parse(Option<String> value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      return Either.right(ALL);
    }
    String raw = value.get();
    if (raw.strip().isEmpty()) {
      return Either.right(new KlaviyoFields(LinkedHashSet.empty()));
    }
    Seq<String> names = List.of(raw.split(",", -1)).map(String::strip);
    Seq<String> unknown = names.filter(name -> !ALLOWED.contains(name)).distinct();
    if (unknown.nonEmpty()) {
      return Either.left(KlaviyoProblem.unknownFields(unknown));
    }
    return Either.right(new KlaviyoFields(LinkedHashSet.ofAll(ALLOWED.filter(names::contains))));
  }

  /** Returns the requested names, in the seed's order. */
  public Set<String> names() {
    return names;
  }

  /** Returns whether the field of this name is to be rendered. */
  public boolean includes(String name) {
    return names.contains(name);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof KlaviyoFields f && names.equals(f.names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return PARAMETER + "=" + names.mkString(",");
  }
}
