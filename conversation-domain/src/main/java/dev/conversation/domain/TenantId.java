package dev.conversation.domain;

/**
 * Identifies a tenant: the isolation boundary of every stored conversation. Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record TenantId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public TenantId {
    Text.requireId(value, "tenantId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
