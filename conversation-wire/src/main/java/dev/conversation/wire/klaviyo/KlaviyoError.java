package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * One entry of Klaviyo's JSON:API errors document
 * ({@code {"errors":[{"id","code","title","detail","source":{...}}]}}), and the renderer of that
 * document.
 *
 * <p>Usually made by {@link KlaviyoProblem#error(String)}. The renderer is pure: the caller
 * supplies each error's {@code id} (Klaviyo uses a random UUID per error; draw it where the
 * request is handled), so the same input always renders the same document. The HTTP status is
 * not part of the document (the seed's schema has no {@code status} member); it comes from
 * {@link KlaviyoProblem#status()}. Immutable and thread-safe.
 *
 * @param id unique identifier of this occurrence, for example a UUID; not blank
 * @param code a machine-readable error code, for example {@code not_found}; not blank
 * @param title a short, fixed summary of the kind of error; not blank
 * @param detail what went wrong in this occurrence and how to fix it; not blank
 * @param source which part of the request caused it, if one did
 */
public record KlaviyoError(String id, String code, String title, String detail, Option<Source> source) {

  /**
   * Creates the error.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code id}, {@code code}, {@code title} or
   *     {@code detail} is blank
   */
  public KlaviyoError {
    requireText(id, "id");
    requireText(code, "code");
    requireText(title, "title");
    requireText(detail, "detail");
    Objects.requireNonNull(source, "source");
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  /** Where in the request an error comes from: JSON:API's {@code source} member. */
  public sealed interface Source {

    /**
     * A JSON pointer into the request document, for example {@code /data/}.
     *
     * @param pointer the pointer
     */
    record Pointer(String pointer) implements Source {
      /** Creates the source; {@code pointer} is required. */
      public Pointer {
        Objects.requireNonNull(pointer, "pointer");
      }
    }

    /**
     * The request parameter at fault, for example {@code fields[customer-agent-conversation]}.
     *
     * @param parameter the parameter's name
     */
    record Parameter(String parameter) implements Source {
      /** Creates the source; {@code parameter} is required. */
      public Parameter {
        Objects.requireNonNull(parameter, "parameter");
      }
    }
  }

  /**
   * Returns the error for a failure on the server's side (a 5XX answer), such as the service's
   * {@code Problem.Unavailable}: code {@code error}, title and detail "A server error occurred.",
   * no source. The detail deliberately says nothing about the cause; log that instead.
   *
   * <p>The words are those of Django REST framework's generic server error, whose 4XX codes and
   * titles ({@code invalid}, {@code not_authenticated}, {@code not_found}) Klaviyo's API answers
   * with; Klaviyo's own 5XX wording is not documented in the seed.
   *
   * @param id the error's identifier, for example a random UUID drawn by the caller; not blank
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static KlaviyoError serverError(String id) {
    return new KlaviyoError(id, "error", "A server error occurred.", "A server error occurred.", Option.none());
  }

  /**
   * Renders the errors document holding the given errors, in order.
   *
   * @param errors one or more errors
   * @return a new, mutable JSON tree owned by the caller: {@code {"errors":[...]}}
   * @throws IllegalArgumentException if {@code errors} is empty
   */
  public static ObjectNode document(Seq<KlaviyoError> errors) {
    Objects.requireNonNull(errors, "errors");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty: a JSON:API errors document holds at least one");
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode document = json.objectNode();
    ArrayNode array = document.putArray("errors");
    for (KlaviyoError error : errors) {
      array.add(error.toJson());
    }
    return document;
  }

  /**
   * Renders the errors document holding just this error.
   *
   * @return a new, mutable JSON tree owned by the caller
   */
  public ObjectNode document() {
    return document(List.of(this));
  }

  private ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("code", code);
    node.put("title", title);
    node.put("detail", detail);
    source.forEach(s -> {
      ObjectNode src = node.putObject("source");
      if (s instanceof Source.Pointer p) {
        src.put("pointer", p.pointer());
      } else if (s instanceof Source.Parameter p) {
        src.put("parameter", p.parameter());
      }
    });
    return node;
  }
}
