package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.StoreFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped schema: migrations apply once and are then a no-op; {@code tenant_id} leads every
 * key and index (so tables can be distributed by tenant); identifiers compare by code point on
 * PostgreSQL (collation "C"); and a database that is neither PostgreSQL nor H2 is refused by
 * name before anything is done to it.
 */
class SchemaTest {

  private static final String HISTORY = "flyway_schema_history";
  /** The key and filter columns that hold identifiers. */
  private static final Set<String> ID_COLUMNS = Set.of("tenant_id", "id", "conversation_id", "contact_id", "agent_id",
      "team_id", "tag", "idempotency_key");

  // ---------------------------------------------------------------- migrate

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void migrateAppliesEveryShippedScriptOnceAndThenNothing(Engine engine) throws Exception {
    try (HikariDataSource db = engine.newEmptyDatabase()) {
      int scripts = migrationScripts(engine).size();
      assertThat(scripts).as("the jar ships at least one migration for %s", engine).isPositive();
      assertThat(Schema.migrate(db)).as("rule: the first migrate applies every shipped script").isEqualTo(scripts);
      assertThat(Schema.migrate(db)).as("rule: migrating a current schema again applies nothing").isZero();
      assertThat(Schema.migrate(db)).as("rule: and nothing the third time either").isZero();
      assertThat(tables(engine, db)).as("rule: the migration creates exactly the documented tables")
          .isEqualTo(new TreeSet<>(Backends.tables(engine)));
      try (Connection c = db.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + HISTORY + "\" WHERE \"success\" AND \"type\" = 'SQL'")) {
        r.next();
        assertThat(r.getInt(1)).as("rule: the history records each SQL script once").isEqualTo(scripts);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void concurrentMigrationsOfOneDatabaseApplyEachScriptOnce(Engine engine) throws Exception {
    try (HikariDataSource db = engine.newEmptyDatabase()) {
      int scripts = migrationScripts(engine).size();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          runs.add(pool.submit((Callable<Integer>) () -> Schema.migrate(db)));
        }
        int applied = 0;
        for (Future<Integer> run : runs) {
          applied += run.get();
        }
        assertThat(applied).as("rule: migrations racing on one database apply each script exactly once in all")
            .isEqualTo(scripts);
      } finally {
        pool.shutdownNow();
      }
      assertThat(tables(engine, db)).as("rule: the raced migration leaves the documented tables")
          .isEqualTo(new TreeSet<>(Backends.tables(engine)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void migratingADatabaseThatAlreadyHoldsForeignTablesFailsAsAStoreFailureAndChangesNothing(Engine engine)
      throws Exception {
    try (HikariDataSource db = engine.newEmptyDatabase()) {
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE conversations (id INTEGER PRIMARY KEY)");
      }
      assertThatThrownBy(() -> Schema.migrate(db))
          .as("rule: a schema the migrations did not make is not migrated over; the failure is a StoreFailure")
          .isInstanceOf(StoreFailure.class)
          .hasMessageContaining("could not migrate the conversation schema");
      assertThat(tables(engine, db)).as("rule: the failed migration leaves the foreign table alone")
          .containsExactly("conversations");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void aStoreAndADirectoryOnADatabaseWithoutTheSchemaFailAsStoreFailures(Engine engine) {
    try (HikariDataSource db = engine.newEmptyDatabase()) {
      JdbcConversationStore store = JdbcConversationStore.on(db);
      JdbcDirectory directory = JdbcDirectory.on(db);
      TenantId tenant = TenantId.of("t");
      Decision started = Workloads.start(StartConversation.of(ConversationId.of("c"), tenant, WorkspaceId.of("ws"),
          Channel.of(ChannelType.WEB_CHAT)), Instant.parse("2026-01-01T00:00:00Z"));
      assertThatThrownBy(() -> store.commit(tenant, 0, started))
          .as("rule: a commit without the schema fails as a StoreFailure saying nothing was written")
          .isInstanceOf(StoreFailure.class)
          .hasMessageContaining("nothing of it was written");
      assertThatThrownBy(() -> store.find(tenant, ConversationId.of("c")))
          .as("rule: a read without the schema fails as a StoreFailure").isInstanceOf(StoreFailure.class);
      assertThatThrownBy(() -> directory.contact(tenant, ContactId.of("c")))
          .as("rule: a directory read without the schema fails as a StoreFailure").isInstanceOf(StoreFailure.class);
      assertThatThrownBy(() -> directory.save(tenant, Contact.builder().id(ContactId.of("c")).build()))
          .as("rule: a directory save without the schema fails as a StoreFailure").isInstanceOf(StoreFailure.class);
    }
  }

  @Test
  void bothEnginesGetTheSameTablesWithTheSameColumns() throws Exception {
    Map<String, List<String>> postgres;
    Map<String, List<String>> h2;
    try (HikariDataSource db = Engine.POSTGRESQL.newDatabase()) {
      postgres = columns(db, "SELECT table_name, column_name FROM information_schema.columns"
          + " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position");
    }
    try (HikariDataSource db = Engine.H2.newDatabase()) {
      h2 = columns(db, "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
          + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA ORDER BY TABLE_NAME, ORDINAL_POSITION");
    }
    assertThat(postgres.keySet()).as("the PostgreSQL schema has the documented tables")
        .containsExactlyInAnyOrderElementsOf(Backends.tables(Engine.POSTGRESQL));
    h2.remove("outbox_positions");  // H2's outbox still orders a tenant's commits on a counter row
    assertThat(h2).as("rule: the H2 migration creates the same tables and columns, in the same order, as PostgreSQL's")
        .isEqualTo(postgres);
  }

  // ---------------------------------------------------------------- tenant_id leads every key

  @Test
  void onPostgresqlTenantIdIsTheFirstColumnOfEveryPrimaryKeyAndEveryIndex() throws Exception {
    try (HikariDataSource db = Engine.POSTGRESQL.newDatabase()) {
      List<String[]> indexes = rows(db, "SELECT t.relname, i.relname, ix.indisprimary,"
          + " (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ix.indkey[0])"
          + " FROM pg_index ix"
          + " JOIN pg_class i ON i.oid = ix.indexrelid"
          + " JOIN pg_class t ON t.oid = ix.indrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace"
          + " WHERE n.nspname = current_schema() AND t.relname <> '" + HISTORY + "'", 4);
      assertLeadingTenant(indexes, Engine.POSTGRESQL, Function.identity());
    }
  }

  @Test
  void onPostgresqlTheContactAndIdempotencyKeyIndexesHoldNoNulls() throws Exception {
    try (HikariDataSource db = Engine.POSTGRESQL.newDatabase()) {
      List<String[]> defs = rows(db, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
          + " AND indexname IN ('conversations_by_contact', 'messages_idempotency_key_unique') ORDER BY indexname", 2);
      assertThat(defs).hasSize(2);
      assertThat(defs.get(0)[1]).as("an append to a conversation without a contact adds no entry")
          .contains("(tenant_id, contact_id, updated_at DESC, id DESC)").endsWith("WHERE (contact_id IS NOT NULL)");
      assertThat(defs.get(1)[1]).as("a message without a key adds no entry, and a key is still unique per conversation")
          .startsWith("CREATE UNIQUE INDEX").contains("(tenant_id, conversation_id, idempotency_key)")
          .endsWith("WHERE (idempotency_key IS NOT NULL)");
    }
  }

  @Test
  void onH2TenantIdIsTheFirstColumnOfEveryPrimaryKeyAndEveryIndex() throws Exception {
    try (HikariDataSource db = Engine.H2.newDatabase()) {
      List<String[]> indexes = rows(db, "SELECT i.TABLE_NAME, i.INDEX_NAME,"
          + " CASE WHEN i.INDEX_TYPE_NAME = 'PRIMARY KEY' THEN 'true' ELSE 'false' END, c.COLUMN_NAME"
          + " FROM INFORMATION_SCHEMA.INDEXES i"
          + " LEFT JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_SCHEMA = i.INDEX_SCHEMA"
          + "   AND c.INDEX_NAME = i.INDEX_NAME AND c.TABLE_NAME = i.TABLE_NAME AND c.ORDINAL_POSITION = 1"
          + " WHERE i.TABLE_SCHEMA = CURRENT_SCHEMA AND LOWER(i.TABLE_NAME) <> '" + HISTORY + "'", 4);
      assertLeadingTenant(indexes, Engine.H2, s -> s.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Checks catalog rows (table, index, is primary, first column): every one leads with
   * tenant_id, every table has a primary key, every index the script names is among them.
   */
  private static void assertLeadingTenant(List<String[]> indexes, Engine engine, Function<String, String> name)
      throws IOException, URISyntaxException {
    assertThat(indexes).as("the catalog lists the schema's indexes").isNotEmpty();
    Set<String> tablesWithPrimaryKey = new TreeSet<>();
    Set<String> indexNames = new TreeSet<>();
    for (String[] row : indexes) {
      String table = name.apply(row[0]);
      String index = name.apply(row[1]);
      // The three exceptions: the timer runner sweeps every tenant's due timers, AI workers every
      // tenant's waiting turns, and retention every tenant's closed conversations, without a list
      // of tenants, so their indexes lead with the instant (on H2, which has no partial indexes,
      // with the status); distributed by tenant, each shard keeps its own part and the query fans out.
      assertThat(row[3] == null ? null : name.apply(row[3]))
          .as("rule: index %s of table %s leads with tenant_id", index, table)
          .isEqualTo(index.equals("conversations_due") ? "timer_due_at"
              : index.equals("conversations_ai_turn") ? "ai_turn_since"
              : index.equals("conversations_closed") ? (engine == Engine.H2 ? "status" : "updated_at") : "tenant_id");
      if ("t".equals(row[2]) || "true".equals(row[2])) {
        tablesWithPrimaryKey.add(table);
      }
      indexNames.add(index);
    }
    assertThat(tablesWithPrimaryKey).as("rule: every table has a primary key (and so it leads with tenant_id)")
        .containsExactlyInAnyOrderElementsOf(Backends.tables(engine));
    assertThat(indexNames).as("every index and constraint the %s script names is in the catalog", engine)
        .containsAll(namedIndexes(engine));
    assertThat(indexNames).as("rule: the due query's two timer indexes exist on %s", engine)
        .contains("conversations_due", "conversations_tenant_due")
        .doesNotContain("conversations_timers", "conversations_tenant_timers");
  }

  // ---------------------------------------------------------------- collation

  @Test
  void onPostgresqlEveryIdColumnAndEveryTextKeyColumnUsesTheCCollation() throws Exception {
    try (HikariDataSource db = Engine.POSTGRESQL.newDatabase()) {
      List<String[]> columns = rows(db, "SELECT c.relname, a.attname, coll.collname, "
          + " CASE WHEN EXISTS (SELECT 1 FROM pg_index ix WHERE ix.indrelid = c.oid"
          + "   AND (ix.indisprimary OR ix.indisunique) AND a.attnum = ANY (ix.indkey)) THEN 'key' ELSE '' END"
          + " FROM pg_attribute a"
          + " JOIN pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_collation coll ON coll.oid = a.attcollation"
          + " WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> '" + HISTORY + "'"
          + " AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'text'::regtype", 4);
      int checked = 0;
      for (String[] column : columns) {
        if (ID_COLUMNS.contains(column[1]) || column[3].equals("key")) {
          assertThat(column[2]).as("rule: %s.%s compares by code point (collation \"C\")", column[0], column[1])
              .isEqualTo("C");
          checked++;
        }
      }
      assertThat(checked).as("the check found the id columns of every table").isGreaterThanOrEqualTo(17);
    }
  }

  // ---------------------------------------------------------------- unsupported databases

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"MySQL", "MariaDB", "Oracle", "Microsoft SQL Server", "SQLite", "Apache Derby",
      "HSQL Database Engine", "PostgreSQL 18", "H2 Database", "", "'; DROP TABLE conversations; --"})
  void aDatabaseThatIsNeitherPostgresqlNorH2IsRefusedByName(String product) {
    List<Function<DataSource, Object>> entries = List.of(JdbcConversationStore::on, JdbcDirectory::on, Schema::migrate);
    for (Function<DataSource, Object> entry : entries) {
      AtomicInteger closed = new AtomicInteger();
      DataSource other = reporting(product, closed);
      assertThatThrownBy(() -> entry.apply(other))
          .as("rule: a data source of '%s' is refused as an argument", product)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not " + product)
          .hasMessageContaining("PostgreSQL and H2");
      assertThat(closed.get()).as("rule: the connection opened to learn the product is closed").isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"PostgreSQL", "postgresql", "H2", "h2"})
  void postgresqlAndH2AreRecognisedByProductNameInAnyCase(String product) {
    AtomicInteger closed = new AtomicInteger();
    JdbcConversationStore store = JdbcConversationStore.on(reporting(product, closed));
    assertThat(store.toString()).as("rule: %s is a supported product", product)
        .isEqualTo("JdbcConversationStore[" + product.toUpperCase(Locale.ROOT) + "]");
    assertThat(closed.get()).as("rule: the connection opened to learn the product is closed").isEqualTo(1);
  }

  @Test
  void aDataSourceThatCannotConnectFailsAsAStoreFailure() {
    DataSource unreachable = proxy(DataSource.class, (p, m, a) -> {
      if (m.getName().equals("getConnection")) {
        throw new SQLException("connection refused", "08001");
      }
      return objectMethod(p, m.getName(), a, "unreachable");
    });
    for (Function<DataSource, Object> entry : List.<Function<DataSource, Object>>of(JdbcConversationStore::on,
        JdbcDirectory::on, Schema::migrate)) {
      assertThatThrownBy(() -> entry.apply(unreachable))
          .as("rule: a data source that cannot connect is an infrastructure failure, not an argument error")
          .isInstanceOf(StoreFailure.class)
          .hasMessageContaining("connection refused");
    }
  }

  /** A data source whose connections report another database product; nothing else is supported. */
  private static DataSource reporting(String product, AtomicInteger closed) {
    DatabaseMetaData meta = proxy(DatabaseMetaData.class, (p, m, a) -> m.getName().equals("getDatabaseProductName")
        ? product : objectMethod(p, m.getName(), a, "metadata of " + product));
    Connection connection = proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
      case "getMetaData" -> meta;
      case "close" -> {
        closed.incrementAndGet();
        yield null;
      }
      case "isClosed" -> closed.get() > 0;
      default -> objectMethod(p, m.getName(), a, "connection to " + product);
    });
    return proxy(DataSource.class, (p, m, a) -> switch (m.getName()) {
      case "getConnection" -> connection;
      case "getLogWriter" -> (PrintWriter) null;
      default -> objectMethod(p, m.getName(), a, "data source of " + product);
    });
  }

  private static Object objectMethod(Object proxy, String method, Object[] args, String name) {
    return switch (method) {
      case "toString" -> name;
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> throw new UnsupportedOperationException(name + " does not support " + method);
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(SchemaTest.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  // ---------------------------------------------------------------- plumbing

  private static List<Path> migrationScripts(Engine engine) throws IOException, URISyntaxException {
    URL folder = Schema.class.getClassLoader()
        .getResource("dev/conversation/persistence/jdbc/migration/" + engine.vendor());
    assertThat(folder).as("the %s migrations are on the class path", engine).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).sorted().toList();
    }
  }

  /**
   * The names of the indexes the engine's scripts create, lower case: on PostgreSQL also the
   * constraints' (whose indexes carry their names); H2 names a constraint's index itself.
   */
  private static Set<String> namedIndexes(Engine engine) throws IOException, URISyntaxException {
    Set<String> names = new TreeSet<>();
    for (Path script : migrationScripts(engine)) {
      try (InputStream in = Files.newInputStream(script)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        // In the order the script runs its statements: a script may drop an index and create it again.
        Matcher m = Pattern.compile("(?i)(DROP INDEX\\s+(?:IF EXISTS\\s+)?(\\w+))|(DROP TABLE\\s+(?:IF EXISTS\\s+)?(\\w+))|"
            + (engine == Engine.POSTGRESQL ? "(?:CREATE (?:UNIQUE )?INDEX|CONSTRAINT)\\s+(\\w+)" : "CREATE (?:UNIQUE )?INDEX\\s+(\\w+)"))
            .matcher(text);
        while (m.find()) {
          if (m.group(2) != null) {
            names.remove(m.group(2).toLowerCase(Locale.ROOT));
          } else if (m.group(4) != null) {
            // The constraints of a dropped table go with it (they are named after their table).
            String table = m.group(4).toLowerCase(Locale.ROOT);
            names.removeIf(name -> name.startsWith(table + "_"));
          } else {
            names.add(m.group(5).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    assertThat(names).as("the %s scripts name their indexes", engine).hasSizeGreaterThan(10);
    return names;
  }

  private static Set<String> tables(Engine engine, DataSource db) throws SQLException {
    String sql = engine == Engine.POSTGRESQL
        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        : "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = CURRENT_SCHEMA";
    Set<String> out = new TreeSet<>();
    for (String[] row : rows(db, sql, 1)) {
      String t = row[0].toLowerCase(Locale.ROOT);
      if (!t.equals(HISTORY)) {
        out.add(t);
      }
    }
    return out;
  }

  private static Map<String, List<String>> columns(DataSource db, String sql) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    for (String[] row : rows(db, sql, 2)) {
      String table = row[0].toLowerCase(Locale.ROOT);
      if (!table.equals(HISTORY)) {
        out.computeIfAbsent(table, t -> new ArrayList<>()).add(row[1].toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  private static List<String[]> rows(DataSource db, String sql, int width) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        String[] row = new String[width];
        for (int i = 0; i < width; i++) {
          row[i] = r.getString(i + 1);
        }
        out.add(row);
      }
    }
    return out;
  }
}
