package io.segstream.cli;

import io.segstream.core.io.CsvFormatException;
import io.segstream.core.io.CsvRecord;
import io.segstream.core.io.CsvRecords;
import io.segstream.text.TextInput;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a CSV file of reviews with star ratings, columns named by its header. Rows whose text is empty or
 * not text are skipped and counted (as the text stage skips them); a rating that is not 1 to 5 is an error
 * naming its line, since it would silently bias every figure.
 */
final class RatedReviewsFile {
  /** The usable reviews and how many rows had no usable text. */
  record Contents(List<RatedReview> reviews, int skipped) {}

  private RatedReviewsFile() {}

  static Contents read(final Path file, final List<String> textColumns, final String ratingColumn,
      final Optional<String> groupColumn, final int maxChars) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      final CsvRecords records = new CsvRecords(in);
      final List<String> header = records.next().map(CsvRecord::fields)
          .orElseThrow(() -> new SegstreamCommand.UsageError(file + " is empty; expected a CSV header"));
      final int[] text = textColumns.stream().mapToInt(c -> column(header, c, file)).toArray();
      final int rating = column(header, ratingColumn, file);
      final int group = groupColumn.map(c -> column(header, c, file)).orElse(-1);
      final List<RatedReview> out = new ArrayList<>();
      int skipped = 0;
      for (Optional<CsvRecord> r = records.next(); r.isPresent(); r = records.next()) {
        final List<String> f = r.get().fields();
        final StringBuilder joined = new StringBuilder();
        for (final int c : text) {
          final String part = c < f.size() ? f.get(c).strip() : "";
          if (!part.isEmpty()) {
            joined.append(joined.isEmpty() ? "" : ". ").append(part);
          }
        }
        if (!(TextInput.check(joined.toString(), maxChars) instanceof TextInput.Usable usable)) {
          skipped++;
          continue;
        }
        out.add(new RatedReview(usable.text(), stars(f, rating, r.get().line(), file),
            group >= 0 && group < f.size() ? f.get(group) : ""));
      }
      return new Contents(List.copyOf(out), skipped);
    } catch (final NoSuchFileException e) {
      throw new SegstreamCommand.UsageError("no such file: " + file);
    } catch (final IOException e) {
      throw new SegstreamCommand.UsageError("cannot read " + file + ": " + e.getMessage());
    } catch (final CsvFormatException e) {
      throw new SegstreamCommand.UsageError(file + ": " + e.getMessage());
    }
  }

  private static int stars(final List<String> fields, final int column, final long line, final Path file) {
    final String v = column < fields.size() ? fields.get(column).strip() : "";
    try {
      final int stars = Integer.parseInt(v);
      if (stars >= 1 && stars <= 5) {
        return stars;
      }
    } catch (final NumberFormatException e) {
      // reported below
    }
    throw new SegstreamCommand.UsageError(file + " line " + line + ": rating '" + v + "' is not a whole number of"
        + " stars from 1 to 5; fix the row or name the right column with --rating-column");
  }

  private static int column(final List<String> header, final String name, final Path file) {
    final int i = header.indexOf(name);
    if (i < 0) {
      throw new SegstreamCommand.UsageError(file + " has no column '" + name + "'; its columns are " + header);
    }
    return i;
  }
}
