package ai.motiv8.generation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.motiv8.generation.content.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two-stage path's shared parts: the background cache and the feathered composite. */
class PersonCompositeTest {

  private static final Color STUDIO = new Color(200, 200, 204);

  private static BufferedImage personOnStudio(int w, int h, Color inside) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(STUDIO);
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(150, 80, 60));
    g.fillRect(w / 3, h / 5, w / 3, h * 3 / 5);
    g.setColor(inside);
    g.fillRect(w / 3 + 10, h / 5 + 20, 20, 20);
    g.dispose();
    return image;
  }

  private static BufferedImage flat(int w, int h, Color color) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }

  @Test
  @DisplayName("The matte keeps the person (studio-coloured holes included) over the background, with a soft edge")
  void matteComposite() {
    BufferedImage person = personOnStudio(128, 192, STUDIO);
    BufferedImage background = flat(64, 96, new Color(10, 40, 200));
    PersonComposite.Result result = PersonComposite.compose(background, person);
    BufferedImage out = result.image();
    assertThat(out.getWidth()).isEqualTo(128);
    assertThat(out.getHeight()).isEqualTo(192);
    assertThat(result.mask().method()).isEqualTo("matte");
    assertThat(result.mask().coverage()).isCloseTo(1.0 / 3 * 3 / 5, org.assertj.core.data.Offset.offset(0.02));
    assertThat(new Color(out.getRGB(64, 96))).as("inside: the person").isEqualTo(new Color(150, 80, 60));
    assertThat(new Color(out.getRGB(128 / 3 + 20, 192 / 5 + 30))).as("a studio-grey patch inside the person stays")
        .isEqualTo(STUDIO);
    assertThat(new Color(out.getRGB(5, 5))).as("outside: the background").isEqualTo(new Color(10, 40, 200));
    int edge = out.getRGB(128 / 3, 96);
    int red = (edge >> 16) & 0xFF;
    assertThat(red).as("the edge is a blend").isStrictlyBetween(10, 150);
  }

  @Test
  @DisplayName("A person pass in which the matte finds no person falls back to a feathered centred ellipse")
  void ellipseFallback() {
    BufferedImage busy = flat(64, 96, STUDIO);
    PersonComposite.Mask mask = PersonComposite.mask(busy);
    assertThat(mask.method()).isEqualTo("ellipse");
    assertThat(mask.alpha()[48 * 64 + 32]).isEqualTo(1f);
    assertThat(mask.alpha()[0]).isZero();
  }

  @Test
  @Timeout(20)
  @DisplayName("The background cache renders a key once for concurrent and later jobs, and again after a failure")
  void cacheRendersOnce() throws Exception {
    BackgroundCache cache = new BackgroundCache(2);
    BackgroundCache.Key key = new BackgroundCache.Key("run:1", 3, Theme.ATHLETICS, "poster", 8, 8);
    AtomicInteger calls = new AtomicInteger();
    int concurrent = 8;
    // The render finishes only once every job has asked for it: they all overlap with it.
    CountDownLatch asked = new CountDownLatch(concurrent);
    ExecutorService pool = Executors.newFixedThreadPool(concurrent);
    try {
      Future<?>[] jobs = new Future<?>[concurrent];
      for (int i = 0; i < jobs.length; i++) {
        jobs[i] = pool.submit(() -> {
          asked.countDown();
          return cache.get(key, () -> {
            calls.incrementAndGet();
            awaitQuietly(asked);
            return flat(8, 8, Color.RED);
          });
        });
      }
      BufferedImage first = (BufferedImage) jobs[0].get(10, TimeUnit.SECONDS);
      for (Future<?> job : jobs) {
        assertThat(job.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls).hasValue(1);
    assertThat(cache.renders()).isEqualTo(1);
    assertThat(cache.reuses()).isEqualTo(7);

    BackgroundCache.Key other = new BackgroundCache.Key("run:2", 3, Theme.ATHLETICS, "poster", 8, 8);
    try {
      cache.get(other, () -> {
        throw new IllegalStateException("deadline");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("deadline");
    }
    assertThat(cache.get(other, () -> flat(8, 8, Color.BLUE)).getRGB(0, 0)).isEqualTo(Color.BLUE.getRGB());
    cache.get(new BackgroundCache.Key("run:3", 3, Theme.ATHLETICS, "poster", 8, 8), () -> flat(8, 8, Color.GREEN));
    assertThat(cache.size()).as("bounded").isEqualTo(2);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
