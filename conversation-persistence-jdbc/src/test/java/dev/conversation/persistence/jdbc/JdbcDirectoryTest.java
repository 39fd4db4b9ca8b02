package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Limits;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.jdbc.Backends.Backend;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The directory on JDBC: contacts and accounts read back exactly, saves replace, tenants are apart. */
class JdbcDirectoryTest {

  private static final Backends DATABASES = new Backends();

  @AfterAll
  static void closeDatabases() {
    DATABASES.close();
  }

  private static Contact full(String id, String name) {
    return Contact.builder()
        .id(ContactId.of(id))
        .name(Option.some(name))
        .email(Option.some(new EmailAddress("jane.o'neil+vip@example.co.uk")))
        .phone(Option.some(new PhoneNumber("+4915112345678")))
        .handles(HashMap.of(ChannelType.INSTAGRAM, new Handle("@jane"), ChannelType.FACEBOOK, new Handle("jane.doe.99"),
            ChannelType.SLACK, new Handle("U02ABCDEF")))
        .accountId(Option.some(AccountId.of("acct-" + id)))
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aContactWithEveryFieldAndOneWithOnlyAnIdReadBackExactly(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId tenant = Workloads.freshTenant("dir");
    Contact everything = full("c-1", "Jane Doe");
    Contact bare = Contact.builder().id(ContactId.of("c-2")).build();
    db.directory().save(tenant, everything);
    db.directory().save(tenant, bare);
    assertThat(db.directory().contact(tenant, ContactId.of("c-1")))
        .as("rule: a contact with name, e-mail, phone, handles and account reads back exactly")
        .containsExactly(everything);
    assertThat(db.directory().contact(tenant, ContactId.of("c-2")))
        .as("rule: a contact with only an id reads back exactly, nothing invented")
        .containsExactly(bare);
    assertThat(db.directory().contact(tenant, ContactId.of("c-3"))).as("rule: an unknown contact is absent").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void handlesReadBackEqualWhicheverMapTheyWereBuiltWith(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId tenant = Workloads.freshTenant("dir");
    for (io.vavr.collection.Map<ChannelType, Handle> handles : List.<io.vavr.collection.Map<ChannelType, Handle>>of(
        LinkedHashMap.of(ChannelType.SLACK, new Handle("U1"), ChannelType.INSTAGRAM, new Handle("@i")),
        TreeMap.of(ChannelType.FACEBOOK, new Handle("f.b")),
        HashMap.empty())) {
      Contact c = Contact.builder().id(ContactId.of("h-" + handles.size())).handles(handles).build();
      db.directory().save(tenant, c);
      assertThat(db.directory().contact(tenant, c.id()))
          .as("rule: handles %s read back as an equal map", handles)
          .containsExactly(c);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void accountsWithAndWithoutADomainReadBackExactly(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId tenant = Workloads.freshTenant("dir");
    Account withDomain = new Account(AccountId.of("a-1"), "ACME GmbH & Co. KG", Option.some("acme.example.com"));
    Account without = new Account(AccountId.of("a-2"), "Nameless \u00C6ther Ltd.", Option.none());
    db.directory().save(tenant, withDomain);
    db.directory().save(tenant, without);
    assertThat(db.directory().account(tenant, withDomain.id())).as("rule: an account reads back exactly")
        .containsExactly(withDomain);
    assertThat(db.directory().account(tenant, without.id())).as("rule: an account without a domain reads back exactly")
        .containsExactly(without);
    assertThat(db.directory().account(tenant, AccountId.of("a-3"))).as("rule: an unknown account is absent").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aSaveReplacesTheWholeValueWithNothingLeftOver(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId tenant = Workloads.freshTenant("dir");
    db.directory().save(tenant, full("c-1", "Jane Doe"));
    Contact renamed = Contact.builder().id(ContactId.of("c-1")).name(Option.some("Jane Smith")).build();
    db.directory().save(tenant, renamed);
    assertThat(db.directory().contact(tenant, ContactId.of("c-1")))
        .as("rule: saving a contact replaces it whole: fields the new value lacks are gone")
        .containsExactly(renamed);
    db.directory().save(tenant, new Account(AccountId.of("a-1"), "Old", Option.some("old.example.com")));
    Account replaced = new Account(AccountId.of("a-1"), "New", Option.none());
    db.directory().save(tenant, replaced);
    assertThat(db.directory().account(tenant, AccountId.of("a-1")))
        .as("rule: saving an account replaces it whole")
        .containsExactly(replaced);
    assertThat(db.rows("contacts", tenant)).as("rule: a replaced contact is one row").isEqualTo(1);
    assertThat(db.rows("accounts", tenant)).as("rule: a replaced account is one row").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void theSameIdsInTwoTenantsAreTwoContactsAndTwoAccounts(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId acme = Workloads.freshTenant("acme");
    TenantId globex = Workloads.freshTenant("globex");
    TenantId initech = Workloads.freshTenant("initech");
    Contact acmes = full("shared", "Acme's Jane");
    Contact globexs = Contact.builder().id(ContactId.of("shared")).name(Option.some("Globex's John")).build();
    db.directory().save(acme, acmes);
    db.directory().save(globex, globexs);
    Account acmeAccount = new Account(AccountId.of("shared"), "Acme", Option.none());
    Account globexAccount = new Account(AccountId.of("shared"), "Globex", Option.some("globex.example.com"));
    db.directory().save(acme, acmeAccount);
    db.directory().save(globex, globexAccount);
    assertThat(db.directory().contact(acme, ContactId.of("shared"))).as("rule: a tenant reads its own contact")
        .containsExactly(acmes);
    assertThat(db.directory().contact(globex, ContactId.of("shared"))).as("rule: a tenant reads its own contact")
        .containsExactly(globexs);
    assertThat(db.directory().contact(initech, ContactId.of("shared")))
        .as("rule: another tenant's contact is not there").isEmpty();
    assertThat(db.directory().account(acme, AccountId.of("shared"))).as("rule: a tenant reads its own account")
        .containsExactly(acmeAccount);
    assertThat(db.directory().account(globex, AccountId.of("shared"))).as("rule: a tenant reads its own account")
        .containsExactly(globexAccount);
    assertThat(db.directory().account(initech, AccountId.of("shared")))
        .as("rule: another tenant's account is not there").isEmpty();
    db.directory().save(globex, Contact.builder().id(ContactId.of("shared")).build());
    assertThat(db.directory().contact(acme, ContactId.of("shared")))
        .as("rule: replacing one tenant's contact leaves the other tenant's alone")
        .containsExactly(acmes);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void hostileNamesAndIdsReadBackExactly(Engine engine) {
    Backend db = DATABASES.on(engine);
    TenantId tenant = TenantId.of("'; DROP TABLE contacts; -- " + Workloads.serial());
    List<String> names = new ArrayList<>(Hostile.FRAGMENTS);
    names.add(String.join("", Hostile.FRAGMENTS.subList(0, 30)));
    int n = 0;
    for (String raw : names) {
      String name = Hostile.text(raw, Limits.MAX_NAME);
      String id = Hostile.id(raw + "#" + n++);
      Contact contact = Contact.builder().id(ContactId.of(id)).name(Option.some(name))
          .handles(HashMap.of(ChannelType.SLACK, new Handle(Hostile.handle(raw)))).accountId(Option.some(AccountId.of(id)))
          .build();
      Account account = new Account(AccountId.of(id), name, Option.none());
      db.directory().save(tenant, contact);
      db.directory().save(tenant, account);
      assertThat(db.directory().contact(tenant, ContactId.of(id)))
          .as("rule: a contact named %s reads back exactly", name)
          .containsExactly(contact);
      assertThat(db.directory().account(tenant, AccountId.of(id)))
          .as("rule: an account named %s reads back exactly", name)
          .containsExactly(account);
    }
    assertThat(db.rows("contacts", tenant)).as("rule: one row per hostile contact, nothing else").isEqualTo(names.size());
    assertThat(db.rows("accounts", tenant)).as("rule: one row per hostile account, nothing else").isEqualTo(names.size());
    for (String table : Backends.tables(db.engine())) {
      assertThat(db.rows(table)).as("rule: table %s still exists", table).isNotNegative();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void concurrentSavesOfOneNewContactAllSucceedAndOneOfThemWins(Engine engine) throws Exception {
    Backend db = DATABASES.on(engine);
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < 15; round++) {
        TenantId tenant = Workloads.freshTenant("race");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        List<Contact> written = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          Contact c = Contact.builder().id(ContactId.of("new")).name(Option.some("writer " + w)).build();
          written.add(c);
          saves.add(pool.submit(() -> {
            go.await();
            db.directory().save(tenant, c);
            return null;
          }));
        }
        go.countDown();
        for (Future<?> save : saves) {
          save.get();
        }
        assertThat(db.directory().contact(tenant, ContactId.of("new")).get())
            .as("rule: after racing saves of a new contact, it is one of the values written")
            .isIn(written);
        assertThat(db.rows("contacts", tenant)).as("rule: racing saves leave one row").isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same address rules on the in-memory directory and on both databases. */
  static java.util.stream.Stream<String> directories() {
    return java.util.stream.Stream.of("in-memory", "H2", "POSTGRESQL");
  }

  private static dev.conversation.persistence.Directory directory(String which) {
    return which.equals("in-memory") ? dev.conversation.persistence.Directory.inMemory() : DATABASES.on(Engine.valueOf(which)).directory();
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("directories")
  void aContactIsFoundByEachOfItsAddressesAndOnlyInItsTenant(String which) {
    dev.conversation.persistence.Directory directory = directory(which);
    TenantId tenant = Workloads.freshTenant("dir");
    Contact jane = full("c-1", "Jane Doe");
    directory.save(tenant, jane);
    assertThat(directory.findByAddress(tenant, ChannelType.SMS, new PhoneNumber("+4915112345678"))).contains(jane);
    assertThat(directory.findByAddress(tenant, ChannelType.WHATSAPP, new PhoneNumber("+4915112345678")))
        .as("a phone number is one address on every phone channel").contains(jane);
    assertThat(directory.findByAddress(tenant, ChannelType.EMAIL, new EmailAddress("JANE.O'NEIL+VIP@example.CO.uk")))
        .as("e-mail addresses match whatever their case").contains(jane);
    assertThat(directory.findByAddress(tenant, ChannelType.INSTAGRAM, new Handle("@jane"))).contains(jane);
    assertThat(directory.findByAddress(tenant, ChannelType.SLACK, new Handle("@jane")))
        .as("a handle is an address only on its channel type").isEmpty();
    assertThat(directory.findByAddress(Workloads.freshTenant("dir"), ChannelType.SMS, new PhoneNumber("+4915112345678")))
        .as("another tenant does not find it").isEmpty();

    Contact moved = Contact.builder().from(jane).phone(Option.some(new PhoneNumber("+4915100000000"))).build();
    directory.save(tenant, moved);
    assertThat(directory.findByAddress(tenant, ChannelType.SMS, new PhoneNumber("+4915112345678")))
        .as("an address the contact no longer holds finds nothing").isEmpty();
    assertThat(directory.findByAddress(tenant, ChannelType.SMS, new PhoneNumber("+4915100000000"))).contains(moved);
    Contact visitor = Contact.builder().id(ContactId.of("c-2")).handles(HashMap.of(ChannelType.WEB_CHAT, new Handle("visitor-1"))).build();
    directory.save(tenant, visitor);
    assertThat(directory.findByAddress(tenant, ChannelType.WEB_CHAT, new Handle("visitor-1")))
        .as("a web chat visitor id is an address").contains(visitor);
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("directories")
  void concurrentSavesOfOneContactLeaveItFoundByExactlyTheAddressesItHolds(String which) throws Exception {
    dev.conversation.persistence.Directory directory = directory(which);
    TenantId tenant = Workloads.freshTenant("dir");
    PhoneNumber a = new PhoneNumber("+4915100000001");
    PhoneNumber b = new PhoneNumber("+4915100000002");
    int threads = 4;
    int saves = which.equals("in-memory") ? 2_000 : 100;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      java.util.List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        running.add(pool.submit(() -> {
          for (int i = 0; i < saves; i++) {
            directory.save(tenant, Contact.builder().id(ContactId.of("c-1")).phone(Option.some((i + thread) % 2 == 0 ? a : b)).build());
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : running) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Contact last = directory.contact(tenant, ContactId.of("c-1")).get();
    PhoneNumber held = last.phone().get();
    PhoneNumber dropped = held.equals(a) ? b : a;
    assertThat(directory.findByAddress(tenant, ChannelType.SMS, held)).as("the address it holds finds it").contains(last);
    assertThat(directory.findByAddress(tenant, ChannelType.SMS, dropped)).as("the address it dropped finds nothing").isEmpty();
  }
}
