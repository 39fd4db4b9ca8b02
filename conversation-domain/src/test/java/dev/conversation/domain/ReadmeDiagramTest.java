package dev.conversation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows the lifecycle diagram generated from the table; this keeps them equal. */
class ReadmeDiagramTest {

  private static final String START = "<!-- lifecycle-diagram:start -->\n";
  private static final String END = "<!-- lifecycle-diagram:end -->";

  @Test
  void theReadmeDiagramIsTheOneTheTableGenerates() throws IOException {
    Path readme = Path.of(System.getProperty("basedir", "."), "..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int from = text.indexOf(START);
    int to = text.indexOf(END);
    assertThat(from).as("README.md has the diagram markers").isNotNegative();
    assertThat(to).isGreaterThan(from);
    String expected = "```mermaid\n" + TransitionTable.standard().toMermaid() + "```\n";
    assertThat(text.substring(from + START.length(), to))
        .as("README.md's lifecycle diagram drifted from TransitionTable.standard(); replace the block"
            + " between the markers with:%n%s", expected)
        .isEqualTo(expected);
  }
}
