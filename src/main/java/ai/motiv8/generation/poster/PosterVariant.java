package ai.motiv8.generation.poster;

/**
 * The ways one poster can be drawn, in the order the engine tries them when the face in the
 * result must still be recognised as the person's: the full design, a lighter one, and the
 * safest (no colour grade, no frame behind the head).
 */
public enum PosterVariant {
  /** Theme-graded portrait in front of the frame the seed picks. */
  DESIGNED(1.0, false, true),
  /** Half the grade, the other frame. */
  LIGHTER(0.5, true, true),
  /** The selfie's own colours, a plain frame: the fallback whose face the checks see best. */
  SAFE(0.0, false, false);

  private final double grade;
  private final boolean otherFrame;
  private final boolean decorated;

  PosterVariant(double grade, boolean otherFrame, boolean decorated) {
    this.grade = grade;
    this.otherFrame = otherFrame;
    this.decorated = decorated;
  }

  double grade() {
    return grade;
  }

  boolean otherFrame() {
    return otherFrame;
  }

  boolean decorated() {
    return decorated;
  }
}
