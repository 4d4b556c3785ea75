package io.segstream.core.fit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import io.segstream.core.io.CsvFormatException;
import io.segstream.core.io.CsvRecord;
import io.segstream.core.io.CsvRecords;
import io.segstream.core.io.InputFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads feature vectors from CSV: a header line of column names, then one vector per line, comma separated
 * (cells may be double-quoted). Every column is a numeric feature except these, recognised by name in any
 * case: an id column ({@code userId}, {@code user_id}, {@code customerId}, {@code customer_id} or {@code id})
 * whose values name the rows, and {@code timestamp}, {@code featureSet}/{@code feature_set} and {@code source},
 * which describe where a vector came from and are not clustered. So both a plain numeric table and the
 * feature vectors segstream's training topic carries ({@code userId,timestamp,featureSet,<features>...}) work.
 *
 * <p>Blank lines are skipped. Anything else that is not a finite number is an error that names the line and
 * the column: empty cells, text, NaN and infinities (clean or impute the data first; a silent default would
 * distort the clusters).
 */
public final class VectorCsv {
  private static final Set<String> ID_COLUMNS = Set.of("userid", "user_id", "customerid", "customer_id", "id");
  private static final Set<String> FEATURE_SET_COLUMNS = Set.of("featureset", "feature_set");
  private static final Set<String> IGNORED_COLUMNS = Set.of("timestamp", "source");
  private static final long PROGRESS_EVERY_ROWS = 50_000;

  private VectorCsv() {}

  /** @throws BadVectorFileException if the file is missing, unreadable or not a table of finite numbers */
  public static VectorTable read(final Path file, final FitProgress progress) {
    try (InputFile in = InputFile.open(file)) {
      return read(file.toString(), in.reader(), in::fractionRead, progress);
    } catch (final NoSuchFileException e) {
      throw new BadVectorFileException(file + " does not exist (pass a CSV file of feature vectors with --vectors)");
    } catch (final IOException e) {
      throw new BadVectorFileException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Reads from any reader; {@code name} is used in messages. */
  public static VectorTable read(final String name, final BufferedReader in) {
    return read(name, in, () -> 0.0, FitProgress.NONE);
  }

  /**
   * Writes feature vectors in the form segstream's training topic carries them, which {@link #read} takes back:
   * {@code userId,timestamp,featureSet,<feature columns...>}.
   */
  public static void writeFeatureVectors(final Path file, final List<String> columns, final List<String> userIds,
      final double[][] rows, final Instant at, final String featureSet) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("userId,timestamp,featureSet," + String.join(",", columns));
      w.newLine();
      final String stamp = at.toString();
      for (int i = 0; i < rows.length; i++) {
        w.write(userIds.get(i));
        w.write(',');
        w.write(stamp);
        w.write(',');
        w.write(featureSet);
        for (final double v : rows[i]) {
          w.write(',');
          w.write(Double.toString(v));
        }
        w.newLine();
      }
    }
  }

  private interface Share {
    double get();
  }

  private static VectorTable read(final String name, final BufferedReader in, final Share share,
      final FitProgress progress) {
    final CsvRecords csv = new CsvRecords(in);
    final CsvRecord first;
    try {
      first = csv.next().orElseThrow(() -> new BadVectorFileException(name + " is empty: expected a header line of"
          + " column names, then one vector per line"));
    } catch (final CsvFormatException e) {
      throw new BadVectorFileException(name + " " + e.getMessage());
    }
    final List<String> header = new ArrayList<>(first.fields());
    header.set(0, stripBom(header.getFirst()));
    final Layout layout = layout(name, header, first.line());

    final List<double[]> rows = new ArrayList<>();
    final List<String> ids = new ArrayList<>();
    String featureSet = null;
    while (true) {
      final Optional<CsvRecord> next;
      try {
        next = csv.next();
      } catch (final CsvFormatException e) {
        throw new BadVectorFileException(name + " " + e.getMessage());
      }
      if (next.isEmpty()) {
        break;
      }
      final long lineNo = next.get().line();
      final List<String> cells = next.get().fields();
      if (cells.size() != header.size()) {
        throw new BadVectorFileException(String.format(Locale.ROOT,
            "%s line %d has %d cells but the header has %d columns (every line needs one value per column)", name,
            lineNo, cells.size(), header.size()));
      }
      final double[] row = new double[layout.numeric.size()];
      for (int j = 0; j < row.length; j++) {
        final int col = layout.numeric.get(j);
        row[j] = number(name, lineNo, header.get(col), cells.get(col).strip());
      }
      rows.add(row);
      if (layout.idColumn >= 0) {
        ids.add(cells.get(layout.idColumn));
      }
      if (layout.featureSetColumn >= 0) {
        final String fs = cells.get(layout.featureSetColumn);
        if (featureSet == null) {
          featureSet = fs;
        } else if (!featureSet.equals(fs)) {
          throw new BadVectorFileException(String.format(Locale.ROOT,
              "%s line %d: feature set '%s' differs from '%s' on earlier lines; vectors of different feature sets"
                  + " mean different things, export one feature set per file", name, lineNo, fs, featureSet));
        }
      }
      if (rows.size() % PROGRESS_EVERY_ROWS == 0) {
        progress.reading(rows.size(), share.get());
      }
    }
    if (rows.isEmpty()) {
      throw new BadVectorFileException(name + " has a header but no vectors");
    }
    progress.reading(rows.size(), 1.0);
    final List<String> columns = layout.numeric.stream().map(header::get).toList();
    final Optional<VectorTable.RowIds> rowIds = layout.idColumn < 0 ? Optional.empty()
        : Optional.of(new VectorTable.RowIds(header.get(layout.idColumn), ids));
    return new VectorTable(columns, rows.toArray(new double[0][]), rowIds, Optional.ofNullable(featureSet));
  }

  private record Layout(List<Integer> numeric, int idColumn, int featureSetColumn) {}

  private static Layout layout(final String name, final List<String> header, final long lineNo) {
    if (header.stream().allMatch(VectorCsv::looksNumeric)) {
      throw new BadVectorFileException(name + " has no header: line " + lineNo + " (" + abbreviate(header)
          + ") looks like data. Add a first line naming the columns, e.g. " + exampleHeader(header.size()));
    }
    final List<Integer> numeric = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    int id = -1;
    int featureSet = -1;
    for (int j = 0; j < header.size(); j++) {
      final String column = header.get(j);
      if (column.isEmpty()) {
        throw new BadVectorFileException(name + " header: column " + (j + 1) + " has no name");
      }
      if (!seen.add(column)) {
        throw new BadVectorFileException(name + " header: column '" + column + "' appears twice");
      }
      final String key = column.toLowerCase(Locale.ROOT);
      if (ID_COLUMNS.contains(key) && id < 0) {
        id = j;
      } else if (FEATURE_SET_COLUMNS.contains(key) && featureSet < 0) {
        featureSet = j;
      } else if (!IGNORED_COLUMNS.contains(key)) {
        numeric.add(j);
      }
    }
    if (numeric.isEmpty()) {
      throw new BadVectorFileException(name + " has no feature columns: the header names only id and metadata"
          + " columns (" + String.join(", ", header) + ")");
    }
    return new Layout(numeric, id, featureSet);
  }

  private static double number(final String name, final long lineNo, final String column, final String cell) {
    if (cell.isEmpty()) {
      throw new BadVectorFileException(String.format(Locale.ROOT,
          "%s line %d, column '%s': empty cell; every feature needs a number (fill or drop missing values)", name,
          lineNo, column));
    }
    final double v;
    try {
      v = Double.parseDouble(cell);
    } catch (final NumberFormatException e) {
      throw new BadVectorFileException(String.format(Locale.ROOT,
          "%s line %d, column '%s': '%s' is not a number (feature columns must be numeric; name an id column"
              + " userId or id to keep it out of the features)", name, lineNo, column, abbreviate(cell)));
    }
    if (!Double.isFinite(v)) {
      throw new BadVectorFileException(String.format(Locale.ROOT,
          "%s line %d, column '%s': %s is not allowed; features must be finite numbers (fill or drop missing"
              + " values)", name, lineNo, column, cell));
    }
    return v;
  }

  private static boolean looksNumeric(final String cell) {
    try {
      Double.parseDouble(cell);
      return true;
    } catch (final NumberFormatException e) {
      return false;
    }
  }

  private static String stripBom(final String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private static String abbreviate(final List<String> cells) {
    return abbreviate(String.join(",", cells));
  }

  private static String abbreviate(final String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  private static String exampleHeader(final int columns) {
    final StringBuilder sb = new StringBuilder();
    for (int j = 1; j <= Math.min(columns, 3); j++) {
      sb.append(j > 1 ? "," : "").append("feature").append(j);
    }
    return sb.append(columns > 3 ? ",..." : "").toString();
  }
}
