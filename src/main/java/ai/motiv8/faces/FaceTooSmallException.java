package ai.motiv8.faces;

/** The largest face is narrower than {@link SelfieAdvice#MIN_FACE_PX}: too small to embed usefully. */
public final class FaceTooSmallException extends RuntimeException {

  public FaceTooSmallException(int faceWidthPx) {
    super(SelfieAdvice.tooSmallMessage(faceWidthPx));
  }
}
