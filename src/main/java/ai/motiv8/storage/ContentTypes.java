package ai.motiv8.storage;

import java.util.Locale;

/** Content types of stored objects, by the extension of their server-made names. */
public final class ContentTypes {

  private ContentTypes() {
  }

  public static String guess(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    if (lower.endsWith(".gif")) {
      return "image/gif";
    }
    if (lower.endsWith(".bmp")) {
      return "image/bmp";
    }
    if (lower.endsWith(".npy")) {
      return "application/octet-stream";
    }
    return "application/octet-stream";
  }
}
