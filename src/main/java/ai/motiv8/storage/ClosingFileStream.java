package ai.motiv8.storage;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.streams.ReadStream;

/**
 * An opened file's read side that closes the file once it is done with: at the end, on a
 * failure, or when the data handler is set back to null (as {@code Pipe.close()} does). A
 * {@link Blob}'s reader only sees a {@link ReadStream}, so it has no other way to close it.
 * The stream starts paused.
 */
final class ClosingFileStream implements ReadStream<Buffer> {

  private final AsyncFile file;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean closed;

  ClosingFileStream(AsyncFile file) {
    this.file = file;
    file.pause();
    file.endHandler(v -> close().onComplete(ar -> {
      if (endHandler != null) {
        endHandler.handle(null);
      }
    }));
    file.exceptionHandler(error -> {
      close();
      if (exceptionHandler != null) {
        exceptionHandler.handle(error);
      }
    });
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    boolean detached = this.handler != null && handler == null;
    this.handler = handler;
    if (detached) {
      close();
    } else if (!closed) {
      file.handler(handler);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> exceptionHandler) {
    this.exceptionHandler = exceptionHandler;
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    file.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    file.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    file.fetch(amount);
    return this;
  }

  private Future<Void> close() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    file.handler(null);
    return file.close();
  }
}
