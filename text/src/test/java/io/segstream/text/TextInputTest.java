package io.segstream.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextInputTest {
  @Test
  void emptyAndWordlessTextsAreSkippedWithAReason() {
    assertThat(TextInput.check(null, 100)).isEqualTo(new TextInput.Skipped(TextInput.Reason.EMPTY));
    assertThat(TextInput.check(" \t\n ", 100)).isEqualTo(new TextInput.Skipped(TextInput.Reason.EMPTY));
    assertThat(TextInput.check("\u0000\u0007", 100)).isEqualTo(new TextInput.Skipped(TextInput.Reason.EMPTY));
    assertThat(TextInput.check("!!! 12345 :-) 👍👍", 100)).isEqualTo(new TextInput.Skipped(TextInput.Reason.NON_TEXT));
  }

  @Test
  void usableTextIsCleanedAndCutAtAWordBoundary() {
    assertThat(TextInput.check("  Arrived\u0000 late,\n\n  sadly ", 100))
        .isEqualTo(new TextInput.Usable("Arrived late, sadly", false));
    final TextInput cut = TextInput.check("delivery was late " + "again ".repeat(50), 40);
    assertThat(cut).isInstanceOf(TextInput.Usable.class);
    final TextInput.Usable u = (TextInput.Usable) cut;
    assertThat(u.truncated()).isTrue();
    assertThat(u.text()).hasSizeLessThanOrEqualTo(40).startsWith("delivery was late").doesNotEndWith(" ")
        .matches(".*again$");
  }
}
