package ai.motiv8.faces;

/** The image decoded but the detector found no face in it. */
public final class NoFaceException extends RuntimeException {

  public NoFaceException() {
    super(FaceService.NO_FACE_MESSAGE);
  }
}
