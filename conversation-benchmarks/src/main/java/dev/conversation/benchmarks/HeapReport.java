package dev.conversation.benchmarks;

import dev.conversation.domain.Status;
import dev.conversation.domain.Trigger;
import dev.conversation.lifecycle.spring.LifecycleBridge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.config.StateMachineFactory;

/**
 * Retained heap, measured with JOL by walking the object graph: what one more conversation costs.
 *
 * <p>The retained size of a value {@code a} is taken as {@code size(a, b) - size(b)} for a second,
 * independently built value {@code b} of the same shape: JOL counts each object once, so whatever
 * the two share (enum constants, empty collections, cached strings, the lifecycle's singletons)
 * cancels out, and what remains is what {@code a} alone keeps alive. No addresses are compared, so
 * a garbage collection between the walks cannot skew it.
 */
final class HeapReport {

  private HeapReport() {}

  static Map<String, String> measure() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("heap.vm", VM.current().details().lines()
        .filter(l -> l.startsWith("# Compressed references") || l.startsWith("# Object alignment"))
        .map(l -> l.substring(2).strip()).reduce((x, y) -> x + "; " + y).orElse(""));

    Fixtures.Built a = Fixtures.active("heap-a");
    Fixtures.Built b = Fixtures.active("heap-b");
    values.put("heap.header.bytes", Long.toString(retained(roots(a.conversation()), roots(b.conversation()))));
    values.put("heap.header.table", breakdown(roots(a.conversation()), roots(b.conversation())));
    values.put("heap.header.messages", Integer.toString(a.conversation().messageCount()));

    Fixtures.Built a50 = Fixtures.withMessages(a, 50 - a.messages().size());
    Fixtures.Built b50 = Fixtures.withMessages(b, 50 - b.messages().size());
    if (a50.messages().size() != 50) {
      throw new IllegalStateException("expected 50 messages, built " + a50.messages().size());
    }
    values.put("heap.with50.bytes", Long.toString(retained(roots(a50.conversation(), a50.messages()),
        roots(b50.conversation(), b50.messages()))));

    // Two machines of one factory, as a pool would hold them: the shared model cancels out.
    StateMachineFactory<Status, Trigger> factory = LifecycleBridge.factory();
    values.put("heap.spring.machine.bytes", Long.toString(retained(roots(started(factory)), roots(started(factory)))));
    return values;
  }

  private static StateMachine<Status, Trigger> started(StateMachineFactory<Status, Trigger> factory) {
    StateMachine<Status, Trigger> machine = factory.getStateMachine();
    machine.startReactively().block();
    return machine;
  }

  /** The retained objects by class, largest first, as a Markdown table. */
  private static String breakdown(Object[] a, Object[] b) {
    GraphLayout both = GraphLayout.parseInstance(concat(a, b));
    GraphLayout shared = GraphLayout.parseInstance(b);
    List<Object[]> rows = new ArrayList<>();
    for (Class<?> type : both.getClasses()) {
      long count = both.getClassCounts().count(type) - shared.getClassCounts().count(type);
      long size = both.getClassSizes().count(type) - shared.getClassSizes().count(type);
      if (count > 0) {
        rows.add(new Object[] {type.getName().replace("dev.conversation.domain.", "").replace("[B", "byte[] (string contents)"),
            count, size});
      }
    }
    rows.sort((x, y) -> Long.compare((long) y[2], (long) x[2]));
    StringBuilder out = new StringBuilder("| Class | Objects | Bytes |\n|---|---|---|\n");
    for (Object[] r : rows) {
      out.append("| `").append(r[0]).append("` | ").append(r[1]).append(" | ").append(r[2]).append(" |\n");
    }
    return out.toString().stripTrailing();
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] both = new Object[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static Object[] roots(Object... roots) {
    return roots;
  }

  /** What the roots {@code a} keep alive beyond what the same-shaped roots {@code b} share with them. */
  private static long retained(Object[] a, Object[] b) {
    return GraphLayout.parseInstance(concat(a, b)).totalSize() - GraphLayout.parseInstance(b).totalSize();
  }
}
