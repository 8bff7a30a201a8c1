package ai.motiv8.faces;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a selfie's {@link FaceQuality} means for the person: one refusal (a face too small for the
 * recogniser to use) and one sentence of advice per problem found. The thresholds come from the
 * test photos degraded on purpose ({@code QualityMeasurements}; table and reasoning in
 * {@code docs/selfie-quality.md}), judged by how far each variant's embedding moves from the
 * untouched photo's (cosine; {@link FaceSimilarity#SAME_PERSON} = 0.80):
 * <ul>
 *   <li>width under {@value #MIN_FACE_PX} px: refused; at 20-21 px the embedding is 0.29-0.43 from
 *       the person's own, at 17 px below 0 (a stranger's), although the detector still finds it;</li>
 *   <li>width under {@value #SMALL_FACE_PX} px: "move closer"; every face of 48 px or more kept
 *       0.93 or better, 38-43 px fell to 0.73-0.85;</li>
 *   <li>sharpness under {@value #MIN_SHARPNESS}: "blurry"; Gaussian blur σ 1.5 (astronaut, 29.5,
 *       cos 0.91) and σ 1 (camera man, 33, cos 0.87) are flagged, σ 0.5 (179-310) is not;</li>
 *   <li>brightness under {@value #MIN_BRIGHTNESS}: "too dark" (darkened to ×0.35: 42-49, cos 0.85-0.95;
 *       at ×0.15 the camera man's embedding is lost); over {@value #MAX_BRIGHTNESS}: "too bright"
 *       (brightened ×2: 191-213, cos 0.59-0.62);</li>
 *   <li>|yaw| over {@value #MAX_YAW_DEGREES}°: "turn towards the camera" (frontal astronaut 1°, the
 *       three-quarter camera man 51°);</li>
 *   <li>|roll| over {@value #MAX_ROLL_DEGREES}°: "hold your head upright" (alignment undoes tilt,
 *       but at 30-40° the detector starts to miss the face: camera man rotated 30°);</li>
 *   <li>more than one face: the largest is used, say so.</li>
 * </ul>
 * A small or dark face also lowers the sharpness measure (upscaling, low contrast), so the blur
 * advice is left out when the size or darkness advice is given: fixing that comes first.
 */
public final class SelfieAdvice {

  /** Narrower faces are refused: the recogniser cannot tell who it is. */
  public static final int MIN_FACE_PX = 24;
  public static final int SMALL_FACE_PX = 48;
  public static final double MIN_SHARPNESS = 40;
  public static final double MIN_BRIGHTNESS = 50;
  public static final double MAX_BRIGHTNESS = 185;
  public static final double MAX_YAW_DEGREES = 30;
  public static final double MAX_ROLL_DEGREES = 25;

  private SelfieAdvice() {
  }

  /** Whether the recogniser can use a face of this width at all. */
  public static boolean usable(double faceWidthPx) {
    return faceWidthPx >= MIN_FACE_PX;
  }

  /** The text of the refusal (HTTP 400, {@link FaceService#FACE_TOO_SMALL}). */
  public static String tooSmallMessage(int faceWidthPx) {
    return String.format(Locale.ROOT, "Face extraction failed: Face too small (%d px wide, at least %d px needed);"
        + " move closer or upload a larger photo", faceWidthPx, MIN_FACE_PX);
  }

  /** One sentence of advice per problem, most important first; empty for a good selfie. */
  public static List<String> warnings(FaceQuality quality) {
    List<String> warnings = new ArrayList<>();
    boolean small = quality.faceWidthPx() < SMALL_FACE_PX;
    boolean dark = quality.brightness() < MIN_BRIGHTNESS;
    if (small) {
      warnings.add(String.format(Locale.ROOT, "Move closer: your face is %d px wide, at least %d px works best.",
          quality.faceWidthPx(), SMALL_FACE_PX));
    }
    if (dark) {
      warnings.add("Too dark: face a window or a lamp so your face is well lit.");
    } else if (quality.brightness() > MAX_BRIGHTNESS) {
      warnings.add("Too bright: avoid direct sunlight or flash on your face.");
    }
    if (!small && !dark && quality.sharpness() < MIN_SHARPNESS) {
      warnings.add("The photo looks blurry: hold the camera still and make sure your face is in focus.");
    }
    if (Math.abs(quality.yawDegrees()) > MAX_YAW_DEGREES) {
      warnings.add(String.format(Locale.ROOT, "Turn towards the camera: your head is turned about %.0f°.",
          Math.abs(quality.yawDegrees())));
    }
    if (Math.abs(quality.rollDegrees()) > MAX_ROLL_DEGREES) {
      warnings.add(String.format(Locale.ROOT, "Hold your head upright: it is tilted about %.0f°.",
          Math.abs(quality.rollDegrees())));
    }
    if (quality.multipleFaces()) {
      warnings.add("More than one face found: the largest is used, a photo of only you works best.");
    }
    return List.copyOf(warnings);
  }
}
