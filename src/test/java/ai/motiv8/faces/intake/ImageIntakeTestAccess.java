package ai.motiv8.faces.intake;

/** Hands test-made hostile files to tests in other packages. */
public final class ImageIntakeTestAccess {

  private ImageIntakeTestAccess() {
  }

  /** A PNG header claiming 50000×50000 pixels, with no pixel data. */
  public static byte[] pngBomb() {
    return ImageIntakeTest.pngHeaderOnly(50_000, 50_000);
  }
}
