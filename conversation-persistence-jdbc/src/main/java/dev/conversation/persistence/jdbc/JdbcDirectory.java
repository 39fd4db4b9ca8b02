package dev.conversation.persistence.jdbc;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ContactPoint;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.Directory;
import dev.conversation.persistence.StoreFailure;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A contact and account directory kept in the same database as the conversations (tables
 * {@code contacts}, {@code contact_addresses} and {@code accounts}), for hosts without a CRM of
 * their own or for the embedded durable default. Each save replaces the whole value and its rows
 * in the address index, in one transaction; a lookup checks the contact itself too. Contacts
 * saved before migration V2 are found by address once they are saved again. Driver
 * exceptions are rethrown as {@link StoreFailure}. Thread-safe.
 */
public final class JdbcDirectory implements Directory {

  private final DataSource dataSource;
  private final String saveContact;
  private final String saveAccount;
  private final String saveAddress;

  private static final String BY_ADDRESS = "SELECT c.body FROM contact_addresses a JOIN contacts c"
      + " ON c.tenant_id = a.tenant_id AND c.id = a.contact_id WHERE a.tenant_id = ? AND a.address = ?"
      + " ORDER BY a.contact_id";
  private static final String DROP_ADDRESSES = "DELETE FROM contact_addresses WHERE tenant_id = ? AND contact_id = ?";

  private JdbcDirectory(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.saveContact = dialect.upsertBody("contacts");
    this.saveAccount = dialect.upsertBody("accounts");
    this.saveAddress = dialect.upsertAddress();
  }

  /**
   * Returns a directory on this data source, whose schema {@link Schema#migrate} has applied.
   *
   * @throws IllegalArgumentException if the database is neither PostgreSQL nor H2
   * @throws StoreFailure if no connection can be opened
   */
  public static JdbcDirectory on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new JdbcDirectory(dataSource, Schema.dialect(dataSource));
  }

  @Override
  public Option<Contact> contact(TenantId tenant, ContactId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return find("SELECT body FROM contacts WHERE tenant_id = ? AND id = ?", tenant, id.value()).map(Codec::contact);
  }

  @Override
  public Option<Account> account(TenantId tenant, AccountId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return find("SELECT body FROM accounts WHERE tenant_id = ? AND id = ?", tenant, id.value()).map(Codec::account);
  }

  @Override
  public Option<Contact> findByAddress(TenantId tenant, ChannelType channel, ContactPoint address) {
    Objects.requireNonNull(tenant, "tenant");
    String key = Contact.addressKey(channel, address);
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BY_ADDRESS)) {
      s.setString(1, tenant.value());
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Contact found = Codec.contact(r.getString(1));
          if (found.holds(channel, address)) {
            return Option.some(found);
          }
        }
      }
      return Option.none();
    } catch (SQLException e) {
      throw new StoreFailure("could not find a contact by address in the directory: " + e.getMessage(), e);
    }
  }

  @Override
  public void save(TenantId tenant, Contact contact) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(contact, "contact");
    String id = contact.id().value();
    inTransaction("save " + id + " in the directory", c -> {
      try (PreparedStatement s = c.prepareStatement(saveContact)) {
        s.setString(1, tenant.value());
        s.setString(2, id);
        s.setString(3, Codec.contact(contact));
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement(DROP_ADDRESSES)) {
        s.setString(1, tenant.value());
        s.setString(2, id);
        s.executeUpdate();
      }
      // In one order, so two saves of contacts sharing addresses lock them alike.
      try (PreparedStatement s = c.prepareStatement(saveAddress)) {
        for (String address : contact.addressKeys().toSortedSet()) {
          s.setString(1, tenant.value());
          s.setString(2, address);
          s.setString(3, id);
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public void save(TenantId tenant, Account account) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(account, "account");
    save(saveAccount, tenant, account.id().value(), Codec.account(account));
  }

  @Override
  public boolean delete(TenantId tenant, ContactId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return inTransaction("delete " + id.value() + " from the directory", c -> {
      try (PreparedStatement s = c.prepareStatement(DROP_ADDRESSES)) {
        s.setString(1, tenant.value());
        s.setString(2, id.value());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM contacts WHERE tenant_id = ? AND id = ?")) {
        s.setString(1, tenant.value());
        s.setString(2, id.value());
        return s.executeUpdate() > 0;
      }
    });
  }

  /** Work in one transaction, rolled back if it fails; driver exceptions become {@link StoreFailure}s. */
  private <T> T inTransaction(String what, JdbcConversationStore.SqlFunction<T> work) {
    return JdbcConversationStore.transaction(dataSource, what, c -> Option.some(work.apply(c)))
        .getOrElseThrow(() -> new StoreFailure("could not " + what + ": the database refused the transaction as a"
            + " serialization failure or a deadlock; nothing was written, try again"));
  }

  private Option<String> find(String sql, TenantId tenant, String id) {
    try (Connection c = dataSource.getConnection()) {
      return JdbcConversationStore.body(c, sql, tenant.value(), id);
    } catch (SQLException e) {
      throw new StoreFailure("could not read " + id + " from the directory: " + e.getMessage(), e);
    }
  }

  private void save(String sql, TenantId tenant, String id, String body) {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant.value());
      s.setString(2, id);
      s.setString(3, body);
      s.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new StoreFailure("could not save " + id + " in the directory: " + e.getMessage(), e);
    }
  }
}
