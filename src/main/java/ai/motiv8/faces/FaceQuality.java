package ai.motiv8.faces;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How usable the chosen face of a selfie is, measured by {@link FaceQualityMeter}. JSON (the
 * {@code quality} object of {@code POST /api/upload}):
 * <pre>
 * {"face_width_px": 110, "face_height_px": 110, "sharpness": 412.5, "brightness": 121.3,
 *  "yaw_degrees": -3.2, "roll_degrees": 3.7, "multiple_faces": false}
 * </pre>
 * <ul>
 *   <li>{@code face_width_px}/{@code face_height_px}: the detector's box in pixels of the upright image;</li>
 *   <li>{@code sharpness}: variance of the 4-neighbour Laplacian of the gray 112×112 aligned face
 *       (higher is sharper; what OpenCV's {@code Laplacian(gray, CV_64F).var()} gives);</li>
 *   <li>{@code brightness}: mean luma (0.299 R + 0.587 G + 0.114 B, 0..255) of the aligned face;</li>
 *   <li>{@code yaw_degrees}: head turn estimated from the five keypoints, 0 facing the camera,
 *       positive when the nose points to the image's right; a rough estimate (± ~10°);</li>
 *   <li>{@code roll_degrees}: tilt of the eye line, positive clockwise as seen in the image;</li>
 *   <li>{@code multiple_faces}: the detector found more than one face (the largest is used).</li>
 * </ul>
 */
@DataObject
public final class FaceQuality {

  private final int faceWidthPx;
  private final int faceHeightPx;
  private final double sharpness;
  private final double brightness;
  private final double yawDegrees;
  private final double rollDegrees;
  private final boolean multipleFaces;

  public FaceQuality(int faceWidthPx, int faceHeightPx, double sharpness, double brightness, double yawDegrees,
                     double rollDegrees, boolean multipleFaces) {
    this.faceWidthPx = faceWidthPx;
    this.faceHeightPx = faceHeightPx;
    this.sharpness = sharpness;
    this.brightness = brightness;
    this.yawDegrees = yawDegrees;
    this.rollDegrees = rollDegrees;
    this.multipleFaces = multipleFaces;
  }

  public FaceQuality(JsonObject json) {
    this(json.getInteger("face_width_px", 0), json.getInteger("face_height_px", 0),
        json.getDouble("sharpness", 0.0), json.getDouble("brightness", 0.0), json.getDouble("yaw_degrees", 0.0),
        json.getDouble("roll_degrees", 0.0), json.getBoolean("multiple_faces", false));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("face_width_px", faceWidthPx)
        .put("face_height_px", faceHeightPx)
        .put("sharpness", round(sharpness))
        .put("brightness", round(brightness))
        .put("yaw_degrees", round(yawDegrees))
        .put("roll_degrees", round(rollDegrees))
        .put("multiple_faces", multipleFaces);
  }

  public int faceWidthPx() {
    return faceWidthPx;
  }

  public int faceHeightPx() {
    return faceHeightPx;
  }

  public double sharpness() {
    return sharpness;
  }

  public double brightness() {
    return brightness;
  }

  public double yawDegrees() {
    return yawDegrees;
  }

  public double rollDegrees() {
    return rollDegrees;
  }

  public boolean multipleFaces() {
    return multipleFaces;
  }

  /** One decimal is all the precision these estimates have. */
  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  @Override
  public String toString() {
    return "FaceQuality" + toJson().encode();
  }
}
