package ai.motiv8.storage;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A stored object opened as a file of this machine, for zero-copy sending ({@code sendfile}); the
 * holder closes it. {@code info.size()} is the opened file's length.
 */
public record LocalFile(BlobInfo info, RandomAccessFile file) {

  public void closeQuietly() {
    try {
      file.close();
    } catch (IOException ignored) {
      // A read-only file: nothing was written that closing could lose.
    }
  }
}
