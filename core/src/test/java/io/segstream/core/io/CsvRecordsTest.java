package io.segstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {
  private static List<CsvRecord> all(final String text) {
    final CsvRecords r = new CsvRecords(new StringReader(text));
    final List<CsvRecord> out = new ArrayList<>();
    Optional<CsvRecord> next;
    while ((next = r.next()).isPresent()) {
      out.add(next.get());
    }
    return out;
  }

  @Test
  void quotedFieldsKeepCommasQuotesAndLineBreaks() {
    final List<CsvRecord> rows = all("a,\"b, with comma\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).fields()).containsExactly("a", "b, with comma", "say \"hi\"");
    assertThat(rows.get(1).fields()).containsExactly("two\nlines", "x", "");
    assertThat(rows.get(1).line()).isEqualTo(2);
  }

  @Test
  void crlfBlankLinesAndAMissingFinalNewline() {
    final List<CsvRecord> rows = all("h1,h2\r\n\r\n1,2\r\n3,4");
    assertThat(rows).extracting(CsvRecord::fields)
        .containsExactly(List.of("h1", "h2"), List.of("1", "2"), List.of("3", "4"));
    assertThat(rows).extracting(CsvRecord::line).containsExactly(1L, 3L, 4L);
  }

  @Test
  void oneCharacterRecordsAreNotMistakenForBlankLines() {
    assertThat(all("x\ny\n\nz")).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L);
    assertThat(all("x\r\ny\r\n\r\nz")).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L);
  }

  @Test
  void lineNumbersCountLinesInsideQuotedFields() {
    final List<CsvRecord> rows = all("\"a\nb\nc\",1\nnext,2\n");
    assertThat(rows.get(1).line()).isEqualTo(4);
  }

  @Test
  void anUnterminatedQuoteNamesTheLineItStartedOn() {
    assertThatThrownBy(() -> all("ok,1\nbad,\"never closed\nmore\n"))
        .isInstanceOf(CsvFormatException.class).hasMessageContaining("line 2").hasMessageContaining("never closed");
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertThatThrownBy(() -> all("\"a\"b,1\n")).isInstanceOf(CsvFormatException.class).hasMessageContaining("closing quote");
  }
}
