package ai.motiv8.generation;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything an engine needs for one image.
 *
 * @param selfie the decoded selfie, already turned upright (EXIF orientation applied), any
 *     {@link BufferedImage} type (typically {@code TYPE_INT_RGB} or {@code TYPE_3BYTE_BGR})
 * @param face the chosen face in {@code selfie}'s pixel coordinates
 * @param date the logical day the image is for (printed on it, and part of its choices)
 * @param seed drives every choice an engine makes, so that the same input and seed give the
 *     same image
 * @param prompt the text prompt of prompt-driven engines; {@code poster} ignores it (may be null)
 */
public record GenerationInput(BufferedImage selfie, FaceGeometry face, LocalDate date, long seed, String prompt) {

  public GenerationInput {
    Objects.requireNonNull(selfie, "selfie");
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(date, "date");
  }
}
