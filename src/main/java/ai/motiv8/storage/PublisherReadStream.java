package ai.motiv8.storage;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A reactive-streams {@code Publisher<ByteBuffer>} seen as a Vert.x {@code ReadStream<Buffer>}.
 *
 * <p>Back-pressure: chunks are requested from the publisher only while the stream has demand,
 * and never more than {@link #PREFETCH} ahead of what was delivered, so a paused stream holds at
 * most {@code PREFETCH} chunks in the heap. Every handler runs on the given context, whatever
 * thread the publisher signals on; all state below is touched on that context only.
 *
 * <p>The stream starts paused. Data is never delivered without a data handler; setting the data
 * handler back to null (as {@code Pipe.close()} does) cancels the subscription, which releases the
 * underlying connection. The end handler runs after the last chunk, once there is demand.
 */
final class PublisherReadStream implements ReadStream<Buffer> {

  static final int PREFETCH = 16;
  /** Tops up in batches rather than one chunk at a time: each request crosses threads. */
  private static final int REFILL = PREFETCH / 2;

  private final Context context;
  private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
  private Subscription subscription;
  private long demand;
  private long requested;
  private boolean completed;
  private boolean terminated;
  private Throwable failure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;

  PublisherReadStream(Context context, Publisher<ByteBuffer> publisher) {
    this.context = Objects.requireNonNull(context);
    publisher.subscribe(new Subscriber<ByteBuffer>() {
      @Override
      public void onSubscribe(Subscription s) {
        context.runOnContext(v -> subscribed(s));
      }

      @Override
      public void onNext(ByteBuffer bytes) {
        // Copied at once: the publisher may reuse its buffer after onNext returns.
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        context.runOnContext(v -> received(Buffer.buffer(copy)));
      }

      @Override
      public void onError(Throwable error) {
        context.runOnContext(v -> failed(error));
      }

      @Override
      public void onComplete() {
        context.runOnContext(v -> {
          completed = true;
          drain();
        });
      }
    });
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    onContext(() -> {
      boolean detached = this.handler != null && handler == null;
      this.handler = handler;
      if (detached) {
        cancel();
      } else {
        drain();
      }
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    onContext(() -> {
      this.endHandler = endHandler;
      drain();
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> exceptionHandler) {
    onContext(() -> {
      this.exceptionHandler = exceptionHandler;
      drain();
    });
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    onContext(() -> demand = 0);
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("Negative fetch: " + amount);
    }
    onContext(() -> {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      drain();
    });
    return this;
  }

  private void subscribed(Subscription s) {
    if (subscription != null || terminated) {
      s.cancel();
      return;
    }
    subscription = s;
    drain();
  }

  private void received(Buffer chunk) {
    if (terminated) {
      return;
    }
    requested--;
    pending.add(chunk);
    drain();
  }

  private void failed(Throwable error) {
    if (terminated) {
      return;
    }
    terminated = true;
    pending.clear();
    failure = error;
    drain();
  }

  private void cancel() {
    if (!terminated) {
      terminated = true;
      pending.clear();
      if (subscription != null) {
        subscription.cancel();
      }
    }
  }

  /** Delivers what demand allows, then asks the publisher for more within the prefetch window. */
  private void drain() {
    if (failure != null) {
      if (exceptionHandler != null) {
        Throwable error = failure;
        failure = null;
        exceptionHandler.handle(error);
      }
      return;
    }
    if (terminated) {
      return;
    }
    while (demand > 0 && handler != null && !pending.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(pending.poll());
      if (terminated) {
        return;
      }
    }
    if (completed) {
      if (pending.isEmpty() && demand > 0) {
        terminated = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      }
      return;
    }
    long window = PREFETCH - pending.size() - requested;
    if (subscription != null && demand > 0 && handler != null && window >= REFILL) {
      requested += window;
      subscription.request(window);
    }
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
