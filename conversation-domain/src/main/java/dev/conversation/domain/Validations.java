package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.function.Function;

/** Small combinators over Vavr's {@link Validation} used by the command checks. */
final class Validations {

  private Validations() {}

  /** Parses an optional raw value: absent stays absent, present must parse. */
  static <T> Validation<Violation, Option<T>> optional(
      Option<String> raw, Function<String, Validation<Violation, T>> parse) {
    return raw.isEmpty() ? Validation.valid(Option.none()) : parse.apply(raw.get()).map(Option::some);
  }

  /** Collects the violations of several independent checks, in order. */
  @SafeVarargs
  static Seq<Violation> violations(Validation<Violation, ?>... checks) {
    List<Violation> problems = List.empty();
    for (int i = checks.length - 1; i >= 0; i--) {
      if (checks[i].isInvalid()) {
        problems = problems.prepend(checks[i].getError());
      }
    }
    return problems;
  }
}
