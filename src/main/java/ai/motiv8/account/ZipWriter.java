package ai.motiv8.account;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip file to an HTTP response as it goes: never more than one chunk of an entry is held.
 * A {@link ZipOutputStream} writes into a small in-memory sink that is handed to the response
 * after every chunk; while the response's write queue is full, the source stream is paused
 * (back-pressure). Entries are DEFLATE with data descriptors, so sizes and CRCs need not be known
 * in advance. Stored objects (JPEG, PNG, .npy) are written at level 0: compressing them gains
 * little and would cost event-loop time; JSON entries are compressed. Call from the response's
 * context, one entry at a time.
 */
final class ZipWriter {

  private final HttpServerResponse out;
  private final ChunkSink sink = new ChunkSink();
  private final ZipOutputStream zip = new ZipOutputStream(sink, StandardCharsets.UTF_8);
  private ReadStream<Buffer> current;
  private Promise<Void> currentDone;
  private boolean closed;

  ZipWriter(HttpServerResponse out) {
    this.out = out;
    out.closeHandler(v -> abort());
  }

  /** Whether the client went away (the zip is then incomplete and writing stops). */
  boolean closed() {
    return closed;
  }

  /** A small entry whose bytes are at hand (JSON). */
  Future<Void> entry(String name, Buffer bytes) {
    try {
      zip.setLevel(Deflater.DEFAULT_COMPRESSION);
      zip.putNextEntry(new ZipEntry(name));
      zip.write(bytes.getBytes());
      zip.closeEntry();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return flush();
  }

  /** An entry streamed from {@code in} (a paused stream), with back-pressure. */
  Future<Void> entry(String name, ReadStream<Buffer> in) {
    if (closed) {
      in.handler(null);
      return Future.failedFuture(new IOException("The client closed the connection"));
    }
    Promise<Void> done = Promise.promise();
    current = in;
    currentDone = done;
    try {
      zip.setLevel(Deflater.NO_COMPRESSION);
      zip.putNextEntry(new ZipEntry(name));
    } catch (IOException e) {
      in.handler(null);
      return Future.failedFuture(e);
    }
    in.exceptionHandler(done::tryFail);
    in.endHandler(v -> {
      try {
        zip.closeEntry();
        flush();
        done.tryComplete();
      } catch (IOException | UncheckedIOException e) {
        done.tryFail(e);
      }
    });
    in.handler(chunk -> {
      try {
        zip.write(chunk.getBytes());
      } catch (IOException e) {
        in.handler(null);
        done.tryFail(e);
        return;
      }
      flush();
      if (out.writeQueueFull()) {
        in.pause();
        out.drainHandler(drained -> in.resume());
      }
    });
    in.resume();
    return done.future().andThen(result -> {
      current = null;
      currentDone = null;
    });
  }

  /** Writes the central directory and ends the response. */
  Future<Void> finish() {
    try {
      zip.finish();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    Buffer rest = sink.take();
    return rest.length() > 0 ? out.end(rest) : out.end();
  }

  private Future<Void> flush() {
    Buffer bytes = sink.take();
    return bytes.length() == 0 || closed ? Future.succeededFuture() : out.write(bytes);
  }

  /** The connection closed: stop the stream being copied (which closes its file or S3 request). */
  private void abort() {
    closed = true;
    if (current != null) {
      current.handler(null);
      currentDone.tryFail(new IOException("The client closed the connection"));
    }
  }

  /** Collects what the zip stream writes until {@link #take} hands it on. */
  private static final class ChunkSink extends OutputStream {

    private Buffer pending = Buffer.buffer();

    @Override
    public void write(int b) {
      pending.appendByte((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      pending.appendBytes(bytes, offset, length);
    }

    Buffer take() {
      Buffer taken = pending;
      pending = Buffer.buffer();
      return taken;
    }
  }
}
