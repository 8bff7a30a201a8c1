package ai.motiv8.generation;

import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.storage.StorageKeys;
import ai.motiv8.users.Gender;
import ai.motiv8.users.Mode;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One generation job: whose, from which selfie and embedding (storage keys
 * {@code uploads/<name>} and {@code embeddings/<name>}; the embedding's model as recorded with the
 * user, null when none was recorded), for which logical day
 * ({@code YYYY-MM-DD}) and mode ({@value #ON_DEMAND} or {@value #BATCH}), with the parameters of
 * {@code POST /api/generate} and the original's defaults. {@code seed} null means "choose one".
 *
 * <p>With {@code user_mode} (the person's {@link Mode}: {@code shame}, {@code toned}, {@code ripped},
 * {@code furry}) the job is the day's content ({@link DailyContent}, rebuilt on the worker from
 * date, user mode and {@code gender}) on the two-stage path, and {@code prompt} and
 * {@code negative_prompt} are not used; {@code run_id} names the batch run whose jobs share a
 * background. Without {@code user_mode}: one image from {@code prompt}, as before.
 *
 * <p>JSON uses the API's names: {@code user_id, selfie_key, embedding_key, embedding_model, date, mode, prompt,
 * negative_prompt, num_inference_steps, guidance_scale, seed, scale, user_mode, gender, run_id}. Setters are
 * fluent.
 */
@DataObject
public final class GenerationRequest {

  public static final String ON_DEMAND = "on_demand";
  public static final String BATCH = "batch";

  public static final String DEFAULT_PROMPT = "professional portrait photo of a person with extremely muscular "
      + "bodybuilder physique, highly detailed, 8k, photorealistic";
  public static final String DEFAULT_NEGATIVE_PROMPT = "blurry, low quality, distorted, deformed, ugly, bad anatomy, "
      + "monochrome, lowres, bad anatomy, worst quality, low quality";
  public static final int DEFAULT_STEPS = 30;
  public static final double DEFAULT_GUIDANCE_SCALE = 7.5;
  public static final double DEFAULT_SCALE = 0.8;

  public static final int MIN_STEPS = 1;
  public static final int MAX_STEPS = 150;
  public static final double MAX_GUIDANCE_SCALE = 30;
  public static final double MAX_SCALE = 1.5;
  /** Far beyond what a text encoder reads (77 tokens); keeps the bus and the logs small. */
  public static final int MAX_PROMPT_LENGTH = 2000;
  /** Model names are short, e.g. {@code buffalo_l/w600k_r50}. */
  public static final int MAX_MODEL_NAME_LENGTH = 100;
  /** Run ids are UUIDs; anything short and plain is accepted. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private String userId;
  private String selfieKey;
  private String embeddingKey;
  private String embeddingModel;
  private String date;
  private String mode = ON_DEMAND;
  private String prompt = DEFAULT_PROMPT;
  private String negativePrompt = DEFAULT_NEGATIVE_PROMPT;
  private int numInferenceSteps = DEFAULT_STEPS;
  private double guidanceScale = DEFAULT_GUIDANCE_SCALE;
  private Long seed;
  private double scale = DEFAULT_SCALE;
  private String userMode;
  private String gender;
  private String runId;

  /** A request with the defaults and nothing else set. */
  public GenerationRequest() {
  }

  public GenerationRequest(JsonObject json) {
    userId = json.getString("user_id");
    selfieKey = json.getString("selfie_key");
    embeddingKey = json.getString("embedding_key");
    embeddingModel = json.getString("embedding_model");
    date = json.getString("date");
    mode = json.getString("mode", ON_DEMAND);
    prompt = json.getString("prompt", DEFAULT_PROMPT);
    negativePrompt = json.getString("negative_prompt", DEFAULT_NEGATIVE_PROMPT);
    numInferenceSteps = json.getInteger("num_inference_steps", DEFAULT_STEPS);
    guidanceScale = json.getDouble("guidance_scale", DEFAULT_GUIDANCE_SCALE);
    seed = json.getLong("seed");
    scale = json.getDouble("scale", DEFAULT_SCALE);
    userMode = json.getString("user_mode");
    gender = json.getString("gender");
    runId = json.getString("run_id");
  }

  /** The job of {@code userId} on {@code date} from the given keys, with default parameters. */
  public static GenerationRequest of(String userId, String selfieKey, String embeddingKey, LocalDate date,
                                     String mode) {
    return new GenerationRequest().setUserId(userId).setSelfieKey(selfieKey).setEmbeddingKey(embeddingKey)
        .setDate(date.toString()).setMode(mode);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("user_id", userId)
        .put("selfie_key", selfieKey)
        .put("embedding_key", embeddingKey)
        .put("embedding_model", embeddingModel)
        .put("date", date)
        .put("mode", mode)
        .put("prompt", prompt)
        .put("negative_prompt", negativePrompt)
        .put("num_inference_steps", numInferenceSteps)
        .put("guidance_scale", guidanceScale)
        .put("seed", seed)
        .put("scale", scale)
        .put("user_mode", userMode)
        .put("gender", gender)
        .put("run_id", runId);
  }

  /**
   * Checks every field, so that a worker never trusts a caller.
   *
   * @return the logical day
   * @throws IllegalArgumentException naming the first field that is wrong
   */
  public LocalDate validate() {
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("user_id is required");
    }
    requireKey("selfie_key", selfieKey, StorageKeys.UPLOADS);
    requireKey("embedding_key", embeddingKey, StorageKeys.EMBEDDINGS);
    if (embeddingModel != null && (embeddingModel.isBlank() || embeddingModel.length() > MAX_MODEL_NAME_LENGTH)) {
      throw new IllegalArgumentException("embedding_model must be a model name of at most " + MAX_MODEL_NAME_LENGTH
          + " characters");
    }
    if (!ON_DEMAND.equals(mode) && !BATCH.equals(mode)) {
      throw new IllegalArgumentException("mode must be '" + ON_DEMAND + "' or '" + BATCH + "'");
    }
    requirePrompt("prompt", prompt);
    requirePrompt("negative_prompt", negativePrompt);
    if (numInferenceSteps < MIN_STEPS || numInferenceSteps > MAX_STEPS) {
      throw new IllegalArgumentException("num_inference_steps must be between " + MIN_STEPS + " and " + MAX_STEPS);
    }
    if (!(guidanceScale >= 0 && guidanceScale <= MAX_GUIDANCE_SCALE)) {
      throw new IllegalArgumentException("guidance_scale must be between 0 and " + (int) MAX_GUIDANCE_SCALE);
    }
    if (!(scale >= 0 && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException("scale must be between 0 and " + MAX_SCALE);
    }
    if (userMode != null && Mode.lookup(userMode).isEmpty()) {
      throw new IllegalArgumentException("user_mode must be 'shame', 'toned', 'ripped' or 'furry'");
    }
    if (gender != null && Gender.normalize(gender) == null) {
      throw new IllegalArgumentException("gender must be 'male' or 'female'");
    }
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run_id must be 1 to 64 letters, digits or ._:-");
    }
    try {
      return LocalDate.parse(String.valueOf(date));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("date must be YYYY-MM-DD");
    }
  }

  private static void requireKey(String field, String key, String prefix) {
    if (key == null || !key.startsWith(prefix + "/")) {
      throw new IllegalArgumentException(field + " must be a " + prefix + "/ storage key");
    }
    try {
      StorageKeys.validate(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " must be a " + prefix + "/ storage key");
    }
  }

  private static void requirePrompt(String field, String text) {
    if (text == null || text.length() > MAX_PROMPT_LENGTH) {
      throw new IllegalArgumentException(field + " must be a text of at most " + MAX_PROMPT_LENGTH + " characters");
    }
  }

  public String userId() {
    return userId;
  }

  public GenerationRequest setUserId(String userId) {
    this.userId = userId;
    return this;
  }

  public String selfieKey() {
    return selfieKey;
  }

  public GenerationRequest setSelfieKey(String selfieKey) {
    this.selfieKey = selfieKey;
    return this;
  }

  public String embeddingKey() {
    return embeddingKey;
  }

  public GenerationRequest setEmbeddingKey(String embeddingKey) {
    this.embeddingKey = embeddingKey;
    return this;
  }

  /** The model that made the embedding, e.g. {@code buffalo_l/w600k_r50}; null when not recorded. */
  public String embeddingModel() {
    return embeddingModel;
  }

  public GenerationRequest setEmbeddingModel(String embeddingModel) {
    this.embeddingModel = embeddingModel;
    return this;
  }

  /** {@code YYYY-MM-DD}. */
  public String date() {
    return date;
  }

  public GenerationRequest setDate(String date) {
    this.date = date;
    return this;
  }

  public String mode() {
    return mode;
  }

  public GenerationRequest setMode(String mode) {
    this.mode = mode;
    return this;
  }

  public String prompt() {
    return prompt;
  }

  public GenerationRequest setPrompt(String prompt) {
    this.prompt = prompt;
    return this;
  }

  public String negativePrompt() {
    return negativePrompt;
  }

  public GenerationRequest setNegativePrompt(String negativePrompt) {
    this.negativePrompt = negativePrompt;
    return this;
  }

  public int numInferenceSteps() {
    return numInferenceSteps;
  }

  public GenerationRequest setNumInferenceSteps(int numInferenceSteps) {
    this.numInferenceSteps = numInferenceSteps;
    return this;
  }

  public double guidanceScale() {
    return guidanceScale;
  }

  public GenerationRequest setGuidanceScale(double guidanceScale) {
    this.guidanceScale = guidanceScale;
    return this;
  }

  /** Null: the worker chooses one and reports it in {@link GenerationResult#seed()}. */
  public Long seed() {
    return seed;
  }

  public GenerationRequest setSeed(Long seed) {
    this.seed = seed;
    return this;
  }

  /** IP-Adapter face strength of the diffusion engine (0 to 1.5); the poster engine ignores it. */
  public double scale() {
    return scale;
  }

  public GenerationRequest setScale(double scale) {
    this.scale = scale;
    return this;
  }

  /** The person's mode ({@code shame}, ...): the job is the day's content; null: from {@code prompt}. */
  public String userMode() {
    return userMode;
  }

  public GenerationRequest setUserMode(String userMode) {
    this.userMode = userMode;
    return this;
  }

  /** {@code male}, {@code female} or null; shapes the person prompt of the day's content. */
  public String gender() {
    return gender;
  }

  public GenerationRequest setGender(String gender) {
    this.gender = gender;
    return this;
  }

  /** The batch run whose jobs share backgrounds, or null. */
  public String runId() {
    return runId;
  }

  public GenerationRequest setRunId(String runId) {
    this.runId = runId;
    return this;
  }

  /**
   * The day's content of a validated request with a user mode, or null without one.
   *
   * @param day the request's validated date
   */
  public DailyContent content(LocalDate day) {
    return userMode == null ? null : DailyContent.forDate(day, Mode.lookup(userMode).orElseThrow(), gender);
  }

  @Override
  public String toString() {
    return "GenerationRequest" + toJson().encode();
  }
}
