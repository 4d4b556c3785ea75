package io.segstream.core.fit;

import java.util.List;
import java.util.Optional;

/**
 * Numeric feature vectors with named columns, as read from a CSV file: one row per vector, in file order.
 *
 * @param columns names of the numeric columns, in file order
 * @param rows one array per row, values in the file's units
 * @param ids the file's id column (e.g. userId), if it has one
 * @param featureSet the segstream feature set the vectors were computed with, if the file says so
 */
public record VectorTable(List<String> columns, double[][] rows, Optional<RowIds> ids, Optional<String> featureSet) {
  /** The values of an id column, one per row. */
  public record RowIds(String column, List<String> values) {
    public RowIds {
      values = List.copyOf(values);
    }
  }

  public VectorTable {
    columns = List.copyOf(columns);
    if (ids.isPresent() && ids.get().values().size() != rows.length) {
      throw new IllegalArgumentException(ids.get().values().size() + " row ids for " + rows.length + " rows");
    }
    for (final double[] r : rows) {
      if (r.length != columns.size()) {
        throw new IllegalArgumentException("a row has " + r.length + " values for " + columns.size() + " columns");
      }
    }
  }

  /** Rows without ids or feature set, e.g. generated data. */
  public static VectorTable of(final List<String> columns, final double[][] rows) {
    return new VectorTable(columns, rows, Optional.empty(), Optional.empty());
  }

  public int size() {
    return rows.length;
  }

  public int dimension() {
    return columns.size();
  }
}
