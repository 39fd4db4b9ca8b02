package dev.conversation.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite and writes {@code BENCHMARKS.md}: {@code mvn -B -q -pl conversation-benchmarks
 * -am test-compile exec:exec} (about 5 minutes on 2 cores; the first run also loads the million
 * conversations).
 *
 * <p>Every JMH benchmark runs with the {@code gc} profiler. The figures, the ratios computed from
 * them and the JOL heap sizes are saved to {@code conversation-benchmarks/target/benchmark-results.properties}
 * and rendered into {@code BENCHMARKS.template.md}; {@code -Dbenchmarks.mode=render} re-renders the
 * saved figures without measuring again, and {@code -Dbenchmarks.mode=quick} runs every benchmark once, briefly,
 * into {@code conversation-benchmarks/target/BENCHMARKS.quick.md} (a smoke test of the suite, not
 * a measurement). A template placeholder without a value fails the run.
 */
public final class Report {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z0-9._-]+)}}");

  private Report() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Path root = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : ".").toAbsolutePath().normalize();
    boolean renderOnly = List.of(args).contains("--render");
    boolean quick = List.of(args).contains("--quick");
    Path module = root.resolve("conversation-benchmarks");
    Path saved = module.resolve("target/benchmark-results.properties");
    Map<String, String> values = new TreeMap<>();
    if (renderOnly) {
      values.putAll(load(saved));
    } else {
      values.putAll(environment());
      values.putAll(HeapReport.measure());
      values.putAll(jmh(module.resolve("target/benchmark-postgres"), quick));
      save(saved, values);
    }
    values.putAll(Ratios.of(values)); // derived at every rendering, never saved
    String template;
    try (InputStream in = Report.class.getResourceAsStream("BENCHMARKS.template.md")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path out = quick ? module.resolve("target/BENCHMARKS.quick.md") : root.resolve("BENCHMARKS.md");
    Files.writeString(out, render(template, values), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("BENCHMARKS.template.md names {{" + m.group(1) + "}}, which was not measured");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, String> jmh(Path data, boolean quick) throws RunnerException {
    OptionsBuilder builder = new OptionsBuilder();
    if (quick) { // a smoke run of every benchmark: the figures mean nothing and go to target/ only
      builder.warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
    }
    Options options = builder
        .include(LifecycleBenchmark.class.getName())
        .include(ServiceBenchmark.class.getName())
        .include(InMemoryListingBenchmark.class.getName())
        .include(PostgresAppendBenchmark.class.getName())
        .include(PostgresListingBenchmark.class.getName())
        .include(DueBenchmark.class.getName())
        .include(PostgresWritersBenchmark.class.getName())
        .addProfiler(GCProfiler.class)
        // Prepended, so each benchmark's own @Fork(jvmArgsAppend) heap settings still apply. Pre-touching the
        // heap keeps first-touch page faults (seconds of kernel time on a fresh 6 GB heap) out of the figures.
        .jvmArgsPrepend("-D" + EmbeddedDatabase.DATA + "=" + data, "-XX:+AlwaysPreTouch")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, String> values = new TreeMap<>();
    for (RunResult r : results) {
      StringBuilder label = new StringBuilder(r.getParams().getBenchmark().substring(Report.class.getPackageName().length() + 1));
      for (String param : r.getParams().getParamsKeys()) {
        label.append('.').append(r.getParams().getParam(param));
      }
      String name = label.toString();
      Result<?> primary = r.getPrimaryResult();
      values.put(name + ".score", Double.toString(primary.getScore()));
      values.put(name + ".error", Double.toString(primary.getScoreError()));
      values.put(name + ".unit", primary.getScoreUnit());
      r.getSecondaryResults().forEach((key, result) -> {
        if (key.endsWith("gc.alloc.rate.norm")) {
          values.put(name + ".alloc", Double.toString(result.getScore()));
        }
        if (key.endsWith("gc.alloc.rate")) {
          values.put(name + ".allocRate", Double.toString(result.getScore()));
        }
      });
    }
    return values;
  }

  private static Map<String, String> environment() throws IOException {
    Map<String, String> values = new TreeMap<>();
    values.put("env.date", LocalDate.now(ZoneOffset.UTC).toString());
    values.put("env.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    values.put("env.cpu", firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")));
    values.put("env.memory", firstValue(Path.of("/proc/meminfo"), "MemTotal")
        .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb.replace("kB", "").strip()) / 1048576.0))
        .orElse("unknown"));
    values.put("env.os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    values.put("env.jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ")");
    return values;
  }

  private static Optional<String> firstValue(Path file, String key) throws IOException {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip());
  }

  private static Map<String, String> load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException("nothing measured yet: run without --render first", e);
    }
    Map<String, String> values = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
    return values;
  }

  private static void save(Path file, Map<String, String> values) {
    Properties p = new Properties();
    p.putAll(values);
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(out, "conversation benchmarks");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
