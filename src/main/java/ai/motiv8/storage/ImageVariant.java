package ai.motiv8.storage;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The stored forms of one generated image. The image's own key ({@code generated/<stem>.png}, the
 * one recorded in {@code generated_images} and mailed) holds the standard PNG; its siblings sit
 * beside it under names derived from it, so that whatever knows the image's key knows all of
 * them: {@code <stem>.jpg}, {@code <stem>.2x.png}, {@code <stem>.2x.jpg} (high-density screens)
 * and {@code <stem>.preview.jpg} (a small web preview). Engines that make only the PNG have no
 * siblings; serving falls back to the PNG.
 *
 * <p>Whoever deletes a generated image deletes it through {@link #deleteAll}: siblings first, the
 * image's own key last, so a failure half-way leaves the recorded key in place and a retry finds
 * every sibling again.
 */
public enum ImageVariant {

  /** The image's own key. */
  PNG("", ".png", "image/png"),
  JPEG("", ".jpg", "image/jpeg"),
  PNG_2X(".2x", ".png", "image/png"),
  JPEG_2X(".2x", ".jpg", "image/jpeg"),
  PREVIEW(".preview", ".jpg", "image/jpeg");

  /** The preview's width in pixels (its height keeps the image's aspect). */
  public static final int PREVIEW_WIDTH = 300;

  private final String infix;
  private final String extension;
  private final String contentType;

  ImageVariant(String infix, String extension, String contentType) {
    this.infix = infix;
    this.extension = extension;
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The variant's key beside the image's own key {@code imageKey}. */
  public String keyOf(String imageKey) {
    if (this == PNG) {
      return imageKey;
    }
    int slash = imageKey.lastIndexOf('/');
    int dot = imageKey.lastIndexOf('.');
    String stem = dot > slash ? imageKey.substring(0, dot) : imageKey;
    return StorageKeys.validate(stem + infix + extension);
  }

  /** Every sibling key of the image {@code imageKey} (not the key itself). */
  public static List<String> siblingKeys(String imageKey) {
    List<String> keys = new ArrayList<>();
    for (ImageVariant variant : values()) {
      if (variant != PNG) {
        keys.add(variant.keyOf(imageKey));
      }
    }
    return keys;
  }

  /**
   * True when {@code name} is a sibling's name rather than an image's own: generated images are
   * always named {@code *.png}, never {@code *.2x.png}.
   */
  public static boolean isSiblingName(String name) {
    return name.endsWith(".jpg") || name.endsWith(".2x.png");
  }

  /**
   * The image's own key of a sibling key ({@code generated/x.2x.jpg} → {@code generated/x.png});
   * any other key is returned as it is.
   */
  public static String imageKeyOf(String key) {
    // Longest suffixes first: ".2x.jpg" and ".preview.jpg" also end in ".jpg".
    for (ImageVariant variant : List.of(PNG_2X, JPEG_2X, PREVIEW, JPEG)) {
      String suffix = variant.infix + variant.extension;
      if (key.endsWith(suffix)) {
        return key.substring(0, key.length() - suffix.length()) + PNG.extension;
      }
    }
    return key;
  }

  /**
   * The variant to serve for a density ({@code 1x}, {@code 2x} or {@code preview}) and format.
   *
   * @param jpeg whether the client prefers JPEG to PNG (the preview is JPEG either way)
   */
  public static ImageVariant of(Density density, boolean jpeg) {
    return switch (density) {
      case STANDARD -> jpeg ? JPEG : PNG;
      case DOUBLE -> jpeg ? JPEG_2X : PNG_2X;
      case PREVIEW -> PREVIEW;
    };
  }

  /** What {@code ?variant=} asks for. */
  public enum Density {
    STANDARD("1x"), DOUBLE("2x"), PREVIEW("preview");

    private final String wireName;

    Density(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The density named {@code value}; null or empty is {@link #STANDARD}, anything unknown null. */
    public static Density lookup(String value) {
      if (value == null || value.isEmpty()) {
        return STANDARD;
      }
      for (Density density : values()) {
        if (density.wireName.equals(value)) {
          return density;
        }
      }
      return null;
    }
  }

  /**
   * Deletes the image {@code imageKey} and its siblings with {@code delete} (which must treat an
   * absent object as deleted): the siblings in parallel, then the image's own key. Fails with the
   * first failure, leaving the image's own key when a sibling could not be deleted.
   */
  public static Future<Void> deleteAll(String imageKey, Function<String, Future<Void>> delete) {
    List<Future<Void>> siblings = new ArrayList<>();
    for (String key : siblingKeys(imageKey)) {
      siblings.add(delete.apply(key));
    }
    return Future.all(siblings).compose(done -> delete.apply(imageKey));
  }
}
