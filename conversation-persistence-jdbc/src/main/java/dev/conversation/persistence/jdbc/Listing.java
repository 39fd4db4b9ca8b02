package dev.conversation.persistence.jdbc;

import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.Order;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One SELECT over the conversations table: a tenant, a filter, and for a page an order, a limit
 * and either an offset or a keyset position. Every value is a bound parameter; the SQL text is
 * built only from this class's own constants, so no input string can change it. Immutable once
 * built.
 *
 * @param sql the statement text, with {@code ?} for every value
 * @param parameters the values, in order
 */
record Listing(String sql, List<Object> parameters) {

  /** The page query: {@code limit + 1} bodies in the query's order. */
  static Listing page(TenantId tenant, ConversationQuery query) {
    Builder b = new Builder("SELECT c.body FROM conversations c", tenant, query.filter());
    String key = query.order() == Order.LAST_ACTIVITY ? "c.updated_at" : "c.created_at";
    if (query.paging() instanceof ConversationQuery.Paging.After after) {
      // Before the storable range no row comes after the position; past it every row does (no
      // condition). Stored instants are whole microseconds, so the rows after a position inside a
      // microsecond are those at or before that microsecond, whatever their id.
      Instant at = after.position().at();
      if (at.isBefore(FIRST)) {
        b.where("1 = 0");
      } else if (!Codec.stored(at).equals(at) && !at.isAfter(LAST)) {
        b.where(key + " <= ?", timestamp(at));
      } else if (!at.isAfter(LAST)) {
        b.where("(" + key + ", c.id) < (?, ?)", timestamp(at), after.position().id().value());
      }
    }
    b.sql.append(" ORDER BY ").append(key).append(" DESC, c.id DESC LIMIT ?");
    b.parameters.add(query.limit() + 1);
    if (query.paging() instanceof ConversationQuery.Paging.Offset offset && offset.value() > 0) {
      b.sql.append(" OFFSET ?");
      b.parameters.add(offset.value());
    }
    return b.build();
  }

  /** The count query. */
  static Listing count(TenantId tenant, ConversationFilter filter) {
    return new Builder("SELECT count(*) FROM conversations c", tenant, filter).build();
  }

  /** Binds the parameters to a statement prepared from {@link #sql}. */
  void bind(PreparedStatement statement) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  /** The first instant a timestamp column holds: both databases accept years 1 to 9999. */
  static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /** The last instant a timestamp column holds. */
  static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /** The stored form of an instant in a timestamp column; the caller keeps it within range. */
  static OffsetDateTime timestamp(Instant at) {
    return OffsetDateTime.ofInstant(Codec.stored(at), ZoneOffset.UTC);
  }

  private static final class Builder {
    final StringBuilder sql;
    final List<Object> parameters = new ArrayList<>();

    Builder(String select, TenantId tenant, ConversationFilter f) {
      sql = new StringBuilder(select).append(" WHERE c.tenant_id = ?");
      parameters.add(tenant.value());
      if (!f.statuses().isEmpty()) {
        in("c.status", f.statuses().map(Enum::name).toJavaList());
      }
      if (!f.channels().isEmpty()) {
        in("c.channel", f.channels().map(Enum::name).toJavaList());
      }
      f.contactId().forEach(id -> where("c.contact_id = ?", id.value()));
      f.unread().forEach(u -> where("c.unread = ?", u));
      if (!f.anyTags().isEmpty()) {
        sql.append(" AND EXISTS (SELECT 1 FROM conversation_tags t"
            + " WHERE t.tenant_id = c.tenant_id AND t.conversation_id = c.id AND t.tag IN (");
        placeholders(f.anyTags().map(t -> (Object) t.value()).toJavaList());
        sql.append("))");
      }
      f.allTags().forEach(tag -> where("EXISTS (SELECT 1 FROM conversation_tags t"
          + " WHERE t.tenant_id = c.tenant_id AND t.conversation_id = c.id AND t.tag = ?)", tag.value()));
      f.agent().forEach(id -> where("c.agent_id = ?", id.value()));
      f.team().forEach(id -> where("c.team_id = ?", id.value()));
      f.starred().forEach(s -> where("c.starred = ?", s));
      f.updatedSince().forEach(this::since);
    }

    /**
     * "Updated at or after": stored instants are whole microseconds, so at or after a finer
     * instant means at or after the next whole microsecond; beyond the storable range the answer
     * is all rows or none.
     */
    void since(Instant at) {
      if (at.isAfter(LAST)) {
        where("1 = 0");
      } else if (!at.isBefore(FIRST)) {
        where("c.updated_at >= ?", timestamp(Codec.stored(at).equals(at) ? at : Codec.stored(at).plusNanos(1000)));
      }
    }

    void where(String condition, Object... values) {
      sql.append(" AND ").append(condition);
      parameters.addAll(List.of(values));
    }

    void in(String column, List<String> values) {
      sql.append(" AND ").append(column).append(" IN (");
      placeholders(new ArrayList<>(values));
      sql.append(')');
    }

    private void placeholders(List<Object> values) {
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      parameters.addAll(values);
    }

    Listing build() {
      return new Listing(sql.toString(), List.copyOf(parameters));
    }
  }
}
