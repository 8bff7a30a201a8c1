package ai.motiv8.generation.poster;

import ai.motiv8.generation.content.Theme;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The themes' background art, rendered once per (theme, width, height) and then shared: a daily
 * run paints each of its backgrounds once, however many posters it makes. Cached images are
 * never drawn into (posters copy them), so sharing them across threads is safe. A run-scoped
 * owner can hold one cache per run and drop it after; the engine's default lives as long as it.
 */
public final class BackgroundCache {

  private final Map<Key, BufferedImage> images = new ConcurrentHashMap<>();

  /** The background of {@code theme} at {@code width}×{@code height}, rendered on first use. */
  BufferedImage background(Theme theme, int width, int height) {
    return images.computeIfAbsent(new Key(theme, width, height),
        key -> ThemeArt.render(PosterTheme.of(key.theme()), key.width(), key.height()));
  }

  /** How many backgrounds have been rendered (one per theme and size). */
  public int size() {
    return images.size();
  }

  private record Key(Theme theme, int width, int height) {
  }
}
