package ai.motiv8.faces.intake;

/** The header announces more pixels than allowed; nothing was decoded (decompression bombs). */
public final class ImageTooLargeException extends RuntimeException {

  private final long width;
  private final long height;

  public ImageTooLargeException(long width, long height, long maxPixels) {
    super("Image of " + width + "x" + height + " pixels is larger than the " + maxPixels + " pixels allowed");
    this.width = width;
    this.height = height;
  }

  public long width() {
    return width;
  }

  public long height() {
    return height;
  }
}
