package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The company or organisation a contact belongs to. Immutable and thread-safe.
 *
 * @param id the account's identifier
 * @param name its name, 1 to {@value Limits#MAX_NAME} characters
 * @param domain its internet domain (for example {@code example.com}), if known
 */
public record Account(AccountId id, String name, Option<String> domain) {

  private static final Pattern DOMAIN =
      Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  /**
   * Creates the account.
   *
   * @throws IllegalArgumentException if the name is blank or too long, or the domain is not a
   *     host name with at least one dot
   */
  public Account {
    Objects.requireNonNull(id, "id");
    Text.orThrow(Text.required("name", name, Limits.MAX_NAME));
    Objects.requireNonNull(domain, "domain");
    if (domain.exists(d -> d.length() > 253 || !DOMAIN.matcher(d).matches())) {
      throw new IllegalArgumentException("domain must be a host name such as example.com, was '" + domain.get() + "'");
    }
  }
}
