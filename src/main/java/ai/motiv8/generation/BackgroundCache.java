package ai.motiv8.generation;

import ai.motiv8.generation.content.Theme;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The backgrounds of the two-stage path, rendered once per run and theme on each worker and
 * shared by every user of that run: the first job that needs a {@link Key} renders it, jobs that
 * need it meanwhile wait for that render, later jobs reuse it. A render that fails is not kept
 * (the next job tries again, with its own deadline). At most {@code capacity} backgrounds are
 * kept; the least recently used goes first.
 *
 * <p>Images handed out are shared: callers draw them onto their own image and never change them.
 * Thread-safe; {@link #get} blocks while another thread renders the same key (call it on a worker
 * thread, as engines run).
 */
public final class BackgroundCache {

  /** Enough for a run's day on every engine and size, and a day of on-demand images beside it. */
  public static final int DEFAULT_CAPACITY = 8;

  private final int capacity;
  private final Map<Key, CompletableFuture<BufferedImage>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final AtomicLong renders = new AtomicLong();
  private final AtomicLong reuses = new AtomicLong();

  public BackgroundCache() {
    this(DEFAULT_CAPACITY);
  }

  public BackgroundCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /**
   * What a background is for.
   *
   * @param scope the batch run's id, or for jobs outside a run the day ({@code YYYY-MM-DD})
   * @param index the day's catalogue entry (its background scene)
   * @param theme the day's theme
   * @param engine the engine's name
   * @param width in pixels
   * @param height in pixels
   */
  public record Key(String scope, int index, Theme theme, String engine, int width, int height) {

    public Key {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(theme, "theme");
      Objects.requireNonNull(engine, "engine");
    }
  }

  /**
   * The background for {@code key}, rendered by {@code render} unless it is kept or being
   * rendered by another job.
   *
   * @throws RuntimeException what {@code render} threw, when this job rendered it
   */
  public BufferedImage get(Key key, Supplier<BufferedImage> render) {
    while (true) {
      CompletableFuture<BufferedImage> mine = new CompletableFuture<>();
      CompletableFuture<BufferedImage> existing;
      synchronized (entries) {
        existing = entries.get(key);
        if (existing == null) {
          entries.put(key, mine);
          evictBeyondCapacity();
        }
      }
      if (existing == null) {
        return renderInto(key, mine, render);
      }
      try {
        BufferedImage image = existing.join();
        reuses.incrementAndGet();
        return image;
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        // Another job's render failed (its deadline, its error) and was dropped: try again ourselves.
        Thread.yield();
      }
    }
  }

  private BufferedImage renderInto(Key key, CompletableFuture<BufferedImage> mine, Supplier<BufferedImage> render) {
    try {
      BufferedImage image = Objects.requireNonNull(render.get(), "rendered background");
      renders.incrementAndGet();
      mine.complete(image);
      return image;
    } catch (RuntimeException | Error e) {
      synchronized (entries) {
        entries.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private void evictBeyondCapacity() {
    Iterator<CompletableFuture<BufferedImage>> oldest = entries.values().iterator();
    while (entries.size() > capacity && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }

  /** Backgrounds rendered so far (not counting failed renders). */
  public long renders() {
    return renders.get();
  }

  /** Times a kept or concurrently rendered background was handed out instead of rendering it. */
  public long reuses() {
    return reuses.get();
  }

  /** Backgrounds kept now. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
