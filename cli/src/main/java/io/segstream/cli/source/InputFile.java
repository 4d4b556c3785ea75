package io.segstream.cli.source;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A text file opened for streaming (gzip if its name ends in .gz), counting the bytes read from disk so a
 * progress bar can show how far through the file an import is without reading it twice.
 */
public final class InputFile implements AutoCloseable {
  private final Path path;
  private final long size;
  private final CountingStream counted;
  private final BufferedReader reader;

  private InputFile(final Path path, final long size, final CountingStream counted, final BufferedReader reader) {
    this.path = path;
    this.size = size;
    this.counted = counted;
    this.reader = reader;
  }

  /** @throws NoSuchFileException with the path in its message if the file is missing */
  public static InputFile open(final Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    final CountingStream counted = new CountingStream(Files.newInputStream(path));
    final InputStream content = path.getFileName().toString().endsWith(".gz")
        ? new GZIPInputStream(counted, 1 << 16) : counted;
    // Malformed UTF-8 becomes U+FFFD instead of an exception: one odd byte must not stop a whole import.
    final var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new InputFile(path, Files.size(path),
        counted, new BufferedReader(new InputStreamReader(content, decoder), 1 << 16));
  }

  public Path path() {
    return path;
  }

  public BufferedReader reader() {
    return reader;
  }

  /** Share of the file read so far, 0..1. */
  public double fractionRead() {
    return size == 0 ? 1.0 : Math.min(1.0, counted.count / (double) size);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(final InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      final int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException {
      final int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
