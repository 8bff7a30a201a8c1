package ai.motiv8.storage;

/** The object asked for does not exist. */
public final class BlobNotFoundException extends RuntimeException {

  public BlobNotFoundException(String key) {
    super("No such object: " + key);
  }
}
