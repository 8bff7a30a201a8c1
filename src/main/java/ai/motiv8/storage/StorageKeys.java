package ai.motiv8.storage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds and checks storage keys. A key is one of the three prefixes and a name made of a safe
 * character set: client file names never become keys.
 */
public final class StorageKeys {

  public static final String UPLOADS = "uploads";
  public static final String EMBEDDINGS = "embeddings";
  public static final String GENERATED = "generated";

  /** The three prefixes, in the order the migration commands handle them. */
  public static final List<String> PREFIXES = List.of(UPLOADS, EMBEDDINGS, GENERATED);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private StorageKeys() {
  }

  public static String upload(String name) {
    return key(UPLOADS, name);
  }

  public static String embedding(String name) {
    return key(EMBEDDINGS, name);
  }

  public static String generated(String name) {
    return key(GENERATED, name);
  }

  /** True when {@code name} could be a stored name: no separators, no {@code ..}, safe characters. */
  public static boolean isSafeName(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /**
   * @throws IllegalArgumentException unless {@code key} is {@code <prefix>/<safe name>}
   */
  public static String validate(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("Invalid storage key: " + key);
    }
    key(key.substring(0, slash), key.substring(slash + 1));
    return key;
  }

  /**
   * @return {@code prefix} without a trailing slash
   * @throws IllegalArgumentException unless {@code prefix} is one of {@link #PREFIXES}, with or
   *     without a trailing slash
   */
  public static String validatePrefix(String prefix) {
    String bare = prefix != null && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (bare == null || !PREFIXES.contains(bare)) {
      throw new IllegalArgumentException("Invalid storage prefix: " + prefix);
    }
    return bare;
  }

  /** True when {@code key} is {@code <prefix>/<safe name>}. */
  public static boolean isValid(String key) {
    try {
      validate(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String key(String prefix, String name) {
    if (!prefix.equals(UPLOADS) && !prefix.equals(EMBEDDINGS) && !prefix.equals(GENERATED)) {
      throw new IllegalArgumentException("Invalid storage prefix: " + prefix);
    }
    if (!isSafeName(name)) {
      throw new IllegalArgumentException("Invalid stored name: " + name);
    }
    return prefix + "/" + name;
  }

  /** The extension of a valid key's name with its dot ({@code ".png"}), or an empty string. */
  static String suffix(String key) {
    int dot = key.lastIndexOf('.');
    return dot > key.lastIndexOf('/') ? key.substring(dot) : "";
  }
}
