package ai.motiv8.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static ai.motiv8.storage.PublisherReadStream.PREFETCH;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
@DisplayName("PublisherReadStream")
class PublisherReadStreamTest {

  private Context context;
  private TestPublisher publisher;
  private PublisherReadStream stream;
  private final List<String> received = new ArrayList<>();
  private final List<Throwable> errors = new ArrayList<>();
  private int ends;

  @BeforeEach
  void setUp(Vertx vertx) {
    context = vertx.getOrCreateContext();
    publisher = new TestPublisher();
    stream = new PublisherReadStream(context, publisher);
  }

  @Test
  @DisplayName("asks for nothing until the stream has a handler and demand")
  void noDemandNoRequest(VertxTestContext ctx) {
    step(() -> assertThat(publisher.requested.get()).isZero())
        .compose(v -> step(() -> stream.handler(chunk -> received.add(chunk.toString()))))
        .compose(v -> step(() -> assertThat(publisher.requested.get()).as("handler but paused").isZero()))
        .compose(v -> step(() -> stream.fetch(1)))
        .compose(v -> step(() -> assertThat(publisher.requested.get()).isEqualTo(PREFETCH)))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("delivers exactly the fetched chunks, holds the rest, and never runs more than the prefetch ahead")
  void boundedPrefetch(VertxTestContext ctx) {
    step(this::attach)
        .compose(v -> step(() -> stream.fetch(1)))
        .compose(v -> step(() -> publisher.emit(PREFETCH)))
        .compose(v -> step(() -> {
          assertThat(received).containsExactly("chunk-0");
          assertThat(publisher.requested.get()).as("no top-up while the consumer is satisfied").isEqualTo(PREFETCH);
          stream.fetch(3);
        }))
        .compose(v -> step(() -> {
          assertThat(received).containsExactly("chunk-0", "chunk-1", "chunk-2", "chunk-3");
          assertThat(publisher.requested.get()).isEqualTo(PREFETCH);
          stream.resume();
        }))
        .compose(v -> step(() -> {
          assertThat(received).hasSize(PREFETCH);
          assertThat(publisher.requested.get()).as("topped up once flowing").isEqualTo(2L * PREFETCH);
          stream.pause();
          publisher.emit(PREFETCH);
        }))
        .compose(v -> step(() -> {
          assertThat(received).as("nothing while paused").hasSize(PREFETCH);
          assertThat(publisher.requested.get()).as("no request while paused").isEqualTo(2L * PREFETCH);
          publisher.complete();
        }))
        .compose(v -> step(() -> assertThat(ends).as("end waits for the held chunks").isZero()))
        .compose(v -> step(() -> stream.resume()))
        .compose(v -> step(() -> {
          assertThat(received).hasSize(2 * PREFETCH).endsWith("chunk-" + (2 * PREFETCH - 1));
          assertThat(ends).isOne();
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("runs every handler on its context, although the publisher signals on another thread")
  void deliversOnContext(VertxTestContext ctx) {
    stream.exceptionHandler(ctx::failNow);
    stream.handler(chunk -> ctx.verify(() -> {
      assertThat(Vertx.currentContext()).isSameAs(context);
      received.add(chunk.toString());
    }));
    stream.endHandler(v -> ctx.verify(() -> {
      assertThat(Vertx.currentContext()).isSameAs(context);
      assertThat(received).hasSize(100).startsWith("chunk-0", "chunk-1").endsWith("chunk-99");
      ctx.completeNow();
    }));
    stream.resume();
    Thread producer = new Thread(() -> {
      // Emits only what was asked for, as a well-behaved publisher does.
      int sent = 0;
      while (sent < 100) {
        if (sent < publisher.requested.get()) {
          publisher.emit(1);
          sent++;
        } else {
          Thread.onSpinWait();
        }
      }
      publisher.complete();
    }, "foreign-publisher");
    producer.setDaemon(true);
    producer.start();
  }

  @Test
  @DisplayName("reports a failure to the exception handler, also one that came before the handler was set")
  void failure(VertxTestContext ctx) {
    step(this::attach)
        .compose(v -> step(() -> stream.resume()))
        .compose(v -> step(() -> {
          publisher.emit(2);
          publisher.fail(new IllegalStateException("connection reset"));
        }))
        .compose(v -> step(() -> {
          assertThat(received).containsExactly("chunk-0", "chunk-1");
          assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("connection reset");
          assertThat(ends).isZero();
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("holds an early failure until an exception handler is there to hear it")
  void earlyFailure(VertxTestContext ctx) {
    step(() -> publisher.fail(new IllegalStateException("early")))
        .compose(v -> step(() -> stream.exceptionHandler(errors::add)))
        .compose(v -> step(() -> assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("early")))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("cancels the subscription when the data handler is removed, as Pipe.close() does")
  void detachCancels(VertxTestContext ctx) {
    step(this::attach)
        .compose(v -> step(() -> stream.resume()))
        .compose(v -> step(() -> publisher.emit(1)))
        .compose(v -> step(() -> stream.handler(null)))
        .compose(v -> step(() -> {
          assertThat(publisher.cancelled).isTrue();
          publisher.emit(1);
        }))
        .compose(v -> step(() -> assertThat(received).containsExactly("chunk-0")))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("ends an empty publisher once the stream is resumed")
  void emptyPublisher(VertxTestContext ctx) {
    step(this::attach)
        .compose(v -> step(() -> publisher.complete()))
        .compose(v -> step(() -> assertThat(ends).isZero()))
        .compose(v -> step(() -> stream.resume()))
        .compose(v -> step(() -> {
          assertThat(ends).isOne();
          assertThat(received).isEmpty();
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  private void attach() {
    stream.handler(chunk -> received.add(chunk.toString()));
    stream.endHandler(v -> ends++);
    stream.exceptionHandler(errors::add);
  }

  /**
   * Runs {@code action} on the stream's context, after every task queued there before. Signals
   * the publisher sends in one step are therefore handled before the next step runs.
   */
  private Future<Void> step(Runnable action) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        action.run();
        promise.complete();
      } catch (Throwable t) {
        promise.fail(t);
      }
    });
    return promise.future();
  }

  /** A publisher driven by the test: it sends what the test says, and records demand. */
  private static final class TestPublisher implements Publisher<ByteBuffer> {
    final AtomicLong requested = new AtomicLong();
    volatile boolean cancelled;
    private Subscriber<? super ByteBuffer> subscriber;
    private int next;

    @Override
    public void subscribe(Subscriber<? super ByteBuffer> s) {
      subscriber = s;
      s.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {
          requested.addAndGet(n);
        }

        @Override
        public void cancel() {
          cancelled = true;
        }
      });
    }

    void emit(int count) {
      for (int i = 0; i < count; i++) {
        subscriber.onNext(ByteBuffer.wrap(("chunk-" + next++).getBytes(StandardCharsets.UTF_8)));
      }
    }

    void complete() {
      subscriber.onComplete();
    }

    void fail(Throwable error) {
      subscriber.onError(error);
    }
  }
}
