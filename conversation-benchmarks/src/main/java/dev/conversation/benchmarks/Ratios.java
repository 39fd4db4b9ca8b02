package dev.conversation.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw JMH and JOL figures into what {@code BENCHMARKS.md} shows: tables, ratios against the
 * baseline of the same run, and a verdict on each target. Every ratio is computed here, from
 * figures of one run, never typed in by hand.
 */
final class Ratios {

  private Ratios() {}

  static Map<String, String> of(Map<String, String> v) {
    Map<String, String> out = new TreeMap<>();
    // Every figure also in display form, for the prose: fmt.<benchmark>.score / .alloc
    v.forEach((key, value) -> {
      if (key.endsWith(".score") || key.endsWith(".alloc")) {
        double d = Double.parseDouble(value);
        out.put("fmt." + key, fixed(d, Math.abs(d) >= 100 ? 0 : 1));
      }
    });

    // 1. Lifecycle decision
    double domain = score(v, "LifecycleBenchmark.domain");
    double spring = score(v, "LifecycleBenchmark.springStatemachine");
    double floor = score(v, "LifecycleBenchmark.enumMapFloor");
    out.put("lifecycle.table", table("| Benchmark | Time per decision | Allocated per decision | Relative to the domain |",
        row(v, "LifecycleBenchmark.enumMapFloor", "EnumMap lookup (floor)", ratio(floor / domain)),
        row(v, "LifecycleBenchmark.domain", "**Lifecycle.decide (ours)**", "1"),
        row(v, "LifecycleBenchmark.springStatemachine", "Spring Statemachine 4.0.2, pooled machine reset + one event",
            ratio(spring / domain))));
    out.put("lifecycle.speedup", ratio(spring / domain));
    out.put("lifecycle.floorGap", ratio(domain / floor));
    out.put("lifecycle.verdict", verdict(spring / domain >= 100, "at least 100x faster than Spring Statemachine",
        ratio(spring / domain) + " faster"));
    double allocated = Double.parseDouble(v.getOrDefault("LifecycleBenchmark.domain.alloc", "NaN"));
    out.put("lifecycle.floorVerdict", verdict(domain / floor <= 50 && allocated < 850,
        "within 50x of the EnumMap lookup and under 850 bytes allocated",
        ratio(domain / floor) + " the lookup's time, " + fixed(allocated, 0) + " bytes"));

    // 2. Heap
    long header = Long.parseLong(v.get("heap.header.bytes"));
    out.put("heap.verdict", verdict(header < 1024, "header under 1 KB", header + " bytes"));
    // The header value holds no messages, so the difference is all 50 messages (and a longer preview).
    out.put("heap.message.bytes", Long.toString((Long.parseLong(v.get("heap.with50.bytes")) - header) / 50));
    out.put("heap.springRatio", ratio(Double.parseDouble(v.get("heap.spring.machine.bytes")) / header));

    // 3. In-memory service
    StringBuilder service = new StringBuilder(
        "| Conversations | 1 thread | 2 threads | 2 threads / 1 thread | Allocated per command (1 thread) |\n|---|---|---|---|---|\n");
    for (String n : new String[] {"10000", "1"}) {
      double one = score(v, "ServiceBenchmark.oneThread." + n);
      double two = score(v, "ServiceBenchmark.twoThreads." + n);
      service.append("| ").append(n.equals("1") ? "1 (hot)" : "10,000")
          .append(" | ").append(withError(v, "ServiceBenchmark.oneThread." + n, 0)).append(" | ")
          .append(withError(v, "ServiceBenchmark.twoThreads." + n, 0)).append(" | ").append(fixed(two / one, 2))
          .append(" | ").append(bytes(v, "ServiceBenchmark.oneThread." + n)).append(" |\n");
      out.put("service." + n + ".one", fixed(one, 0));
      out.put("service." + n + ".scaling", fixed(two / one, 2));
    }
    out.put("service.table", service.toString().stripTrailing());

    // 3. In-memory store: a filtered page at two sizes
    StringBuilder memoryListing = new StringBuilder(
        "| Filter (1% of conversations match) | 10,000 conversations | 1,000,000 conversations | 1M / 10k |\n|---|---|---|---|\n");
    double worst = 0;
    for (String[] b : new String[][] {{"oneValue", "one channel type"}, {"twoValuesMerged", "either of two channel types (merged)"}}) {
      String name = "InMemoryListingBenchmark." + b[0];
      double small = score(v, name + ".10000");
      double large = score(v, name + ".1000000");
      worst = Math.max(worst, large / small);
      memoryListing.append("| ").append(b[1]).append(" | ").append(withError(v, name + ".10000", 1)).append(" | ")
          .append(withError(v, name + ".1000000", 1)).append(" | ").append(fixed(large / small, 2)).append(" |\n");
    }
    out.put("memoryListing.table", memoryListing.toString().stripTrailing());
    out.put("memoryListing.verdict", verdict(worst <= 2, "a page at 1M within 2x of 10k", "at most " + fixed(worst, 2) + "x"));

    // 3 and 4. A timer sweep firing 1,000 due timers at two sizes, in memory and on PostgreSQL
    StringBuilder due = new StringBuilder(
        "| Store | 10,000 conversations | 1,000,000 conversations | 1M / 10k |\n|---|---|---|---|\n");
    double worstDue = 0;
    for (String[] b : new String[][] {{"memory", "in memory"}, {"postgres", "PostgreSQL (fsync=on, synchronous_commit=on)"}}) {
      String small = "DueBenchmark.sweep.10000." + b[0];
      String large = "DueBenchmark.sweep.1000000." + b[0];
      double r = score(v, large) / score(v, small);
      worstDue = Math.max(worstDue, r);
      due.append("| ").append(b[1]).append(" | ").append(withError(v, small, 1)).append(" | ")
          .append(withError(v, large, 1)).append(" | ").append(fixed(r, 2)).append(" |\n");
      out.put("due." + b[0] + ".ratio", fixed(r, 2));
    }
    out.put("due.table", due.toString().stripTrailing());
    out.put("due.verdict", verdict(worstDue <= 2, "a sweep of 1,000 due at 1M within 2x of 10k, in memory and on PostgreSQL",
        "at most " + fixed(worstDue, 2) + "x"));

    // 4. PostgreSQL: writers of one tenant, production durability
    StringBuilder writers = new StringBuilder(
        "| Side | 1 writer, 1 tenant | 8 writers, 1 tenant | 1 writer, 8 tenants | 8 writers, 8 tenants |\n|---|---|---|---|---|\n");
    for (String[] side : new String[][] {{"library", "**library** (`Lifecycle.decide` + `JdbcConversationStore.commit`)"},
        {"minimal", "hand-written minimal schema"}}) {
      writers.append("| ").append(side[1]);
      for (String cell : new String[] {"1.1", "8.1", "1.8", "8.8"}) {
        String[] wt = cell.split("\\.");
        writers.append(" | ").append(withError(v, "PostgresWritersBenchmark." + side[0] + wt[0] + "." + wt[1], 0));
      }
      writers.append(" |\n");
    }
    double lib8 = score(v, "PostgresWritersBenchmark.library8.1");
    double lib1 = score(v, "PostgresWritersBenchmark.library1.1");
    double min8 = score(v, "PostgresWritersBenchmark.minimal8.1");
    out.put("writers.table", writers.toString().stripTrailing());
    out.put("writers.ofMinimal", fixed(lib8 / min8 * 100, 0) + "%");
    out.put("writers.scaling", fixed(lib8 / lib1, 1) + "x");
    out.put("writers.verdict", verdict(lib8 / min8 >= 0.7 && lib8 / lib1 >= 3,
        "8 writers in one tenant at least 70% of the minimal schema's and at least 3x the library's one writer",
        fixed(lib8 / min8 * 100, 0) + "% and " + fixed(lib8 / lib1, 1) + "x"));

    // 4. PostgreSQL: append
    double store = score(v, "PostgresAppendBenchmark.store");
    double raw = score(v, "PostgresAppendBenchmark.rawJdbc");
    double percent = raw / store * 100;
    out.put("append.table", table("| Benchmark | Time per append | Allocated per append | Throughput relative to raw JDBC |",
        row(v, "PostgresAppendBenchmark.rawJdbc", "Raw JDBC, same statements and transaction", "100%"),
        row(v, "PostgresAppendBenchmark.store", "**Lifecycle.decide + JdbcConversationStore.commit**",
            fixed(percent, 0) + "%")));
    out.put("append.percent", fixed(percent, 0) + "%");
    out.put("append.overhead", fixed(store - raw, 0));
    out.put("append.verdict", verdict(percent >= 70, "at least 70% of raw JDBC", fixed(percent, 0) + "%"));

    // 4. PostgreSQL: listing
    StringBuilder listing = new StringBuilder(
        "| Page (rows skipped) | Offset | Keyset | Offset / keyset |\n|---|---|---|---|\n");
    String crossover = null;
    for (String page : new String[] {"1", "10", "100", "1000"}) {
      double offset = score(v, "PostgresListingBenchmark.offset." + page);
      double keyset = score(v, "PostgresListingBenchmark.keyset." + page);
      listing.append("| ").append(page).append(" (").append(String.format(Locale.ROOT, "%,d", (Integer.parseInt(page) - 1) * 25))
          .append(") | ").append(withError(v, "PostgresListingBenchmark.offset." + page, 0)).append(" | ")
          .append(withError(v, "PostgresListingBenchmark.keyset." + page, 0)).append(" | ")
          .append(fixed(offset / keyset, 1)).append(" |\n");
      out.put("listing." + page + ".offset", fixed(offset, 0));
      out.put("listing." + page + ".keyset", fixed(keyset, 0));
      out.put("listing." + page + ".ratio", fixed(offset / keyset, 1));
      if (crossover == null && offset / keyset >= 2) {
        crossover = page;
      }
    }
    out.put("listing.table", listing.toString().stripTrailing());
    out.put("listing.crossover", crossover == null ? "none of the measured depths" : "page " + crossover);
    double deepKeyset = score(v, "PostgresListingBenchmark.keyset.1000");
    out.put("listing.verdict", verdict(deepKeyset < 5_000, "page 1 and page 1000 within a few milliseconds (keyset)",
        "page 1000 by keyset in " + fixed(deepKeyset, 0) + " us"));
    return out;
  }

  private static double score(Map<String, String> v, String name) {
    String s = v.get(name + ".score");
    if (s == null) {
      throw new IllegalStateException("no result for " + name + "; measured: " + v.keySet());
    }
    return Double.parseDouble(s);
  }

  private static String row(Map<String, String> v, String name, String label, String relative) {
    return "| " + label + " | " + withError(v, name, 1) + " | " + bytes(v, name) + " | " + relative + " |";
  }

  private static String table(String header, String... rows) {
    StringBuilder out = new StringBuilder(header).append('\n').append(header.replaceAll("[^|]+", "---")).append('\n');
    for (String r : rows) {
      out.append(r).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static String withError(Map<String, String> v, String name, int decimals) {
    double score = score(v, name);
    int d = score >= 100 ? 0 : decimals;
    return fixed(score, d) + " ± " + fixed(Double.parseDouble(v.get(name + ".error")), d) + " "
        + v.get(name + ".unit");
  }

  private static String bytes(Map<String, String> v, String name) {
    String alloc = v.get(name + ".alloc");
    return alloc == null ? "n/a" : fixed(Double.parseDouble(alloc), 0) + " B";
  }

  private static String ratio(double r) {
    return (r >= 10 ? fixed(r, 0) : r >= 0.1 ? fixed(r, 1) : String.format(Locale.ROOT, "%.2g", r)) + "x";
  }

  private static String fixed(double d, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", d);
  }

  private static String verdict(boolean met, String target, String measured) {
    return (met ? "**Met.**" : "**Missed.**") + " Target: " + target + "; measured: " + measured + ".";
  }
}
