package ai.motiv8.generation;

import ai.motiv8.generation.content.DailyContent;

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
 * @param parameters negative prompt, steps, guidance and adapter scale of prompt-driven engines
 *     ({@link GenerationParameters#DEFAULTS} when not given)
 * @param faceEmbedding the user's stored face embedding and the model that made it, or null;
 *     the diffusion engine needs one made by buffalo_l, {@code poster} ignores it
 * @param control cancellation and progress ({@link GenerationControl#NONE} when not given)
 * @param content the day's content for this person (theme, mode, prompts, copy), or null: with it,
 *     engines take the two-stage path (a background shared per run and theme, the person per
 *     user) and {@code prompt} and the negative prompt are not used; without it, the
 *     single-stage path from {@code prompt}
 * @param runId the batch run this job belongs to, or null: backgrounds are shared within a run
 *     (outside one, within the day)
 */
public record GenerationInput(BufferedImage selfie, FaceGeometry face, LocalDate date, long seed, String prompt,
                              GenerationParameters parameters, FaceEmbedding faceEmbedding,
                              GenerationControl control, DailyContent content, String runId) {

  public GenerationInput {
    Objects.requireNonNull(selfie, "selfie");
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(date, "date");
    parameters = parameters == null ? GenerationParameters.DEFAULTS : parameters;
    control = control == null ? GenerationControl.NONE : control;
  }

  /** A single-stage input (no daily content). */
  public GenerationInput(BufferedImage selfie, FaceGeometry face, LocalDate date, long seed, String prompt,
                         GenerationParameters parameters, FaceEmbedding faceEmbedding, GenerationControl control) {
    this(selfie, face, date, seed, prompt, parameters, faceEmbedding, control, null, null);
  }

  /** An input with the default parameters, no embedding and no control (enough for {@code poster}). */
  public GenerationInput(BufferedImage selfie, FaceGeometry face, LocalDate date, long seed, String prompt) {
    this(selfie, face, date, seed, prompt, null, null, null);
  }

  /** An input for prompt-driven engines, without cancellation or progress. */
  public GenerationInput(BufferedImage selfie, FaceGeometry face, LocalDate date, long seed, String prompt,
                         GenerationParameters parameters, FaceEmbedding faceEmbedding) {
    this(selfie, face, date, seed, prompt, parameters, faceEmbedding, null);
  }

  /** This input with another control (e.g. a deadline set when the job starts). */
  public GenerationInput withControl(GenerationControl value) {
    return new GenerationInput(selfie, face, date, seed, prompt, parameters, faceEmbedding, value, content, runId);
  }

  /** This input with other generation parameters. */
  public GenerationInput withParameters(GenerationParameters value) {
    return new GenerationInput(selfie, face, date, seed, prompt, value, faceEmbedding, control, content, runId);
  }

  /** This input with the user's face embedding. */
  public GenerationInput withFaceEmbedding(FaceEmbedding value) {
    return new GenerationInput(selfie, face, date, seed, prompt, parameters, value, control, content, runId);
  }

  /** This input with the day's content (the two-stage path) in the batch run {@code run} (may be null). */
  public GenerationInput withContent(DailyContent value, String run) {
    return new GenerationInput(selfie, face, date, seed, prompt, parameters, faceEmbedding, control, value, run);
  }

  /**
   * What shares a background: the run, or outside a run the day
   * ({@code run:<id>} or {@code day:<YYYY-MM-DD>}).
   */
  public String backgroundScope() {
    return runId != null ? "run:" + runId : "day:" + date;
  }
}
