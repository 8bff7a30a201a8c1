package ai.motiv8.generation;

import ai.motiv8.common.ApiException;
import ai.motiv8.storage.StorageKeys;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The body of {@code POST /api/generate}, checked field by field as the original's pydantic model
 * did, every field optional with the original's defaults; unknown fields ignored. The current
 * front end sends no {@code embedding_filename} (the original's current release takes the caller's
 * own embedding): absent, it means the caller's current one. A field of the wrong type or out of range is a 400 that names it.
 * {@code null} counts as absent, except that {@code seed: null} is the documented "random seed".
 * The IP-Adapter scale is {@code scale} (the original's field) or {@code ip_adapter_scale}.
 *
 * @param embeddingFilename null when the caller did not name one (the current embedding is meant)
 * @param imageFilename null when the caller did not name one (the current selfie is meant)
 * @param seed null for a random seed
 */
record GenerateBody(String embeddingFilename, String imageFilename, String prompt, String negativePrompt,
                    int numInferenceSteps, double guidanceScale, Long seed, double scale) {

  static final String NOT_AN_OBJECT = "Request body must be a JSON object";

  /**
   * @throws ApiException 400 naming the first wrong field
   */
  static GenerateBody parse(JsonObject body) {
    if (body == null) {
      throw ApiException.badRequest(NOT_AN_OBJECT);
    }
    String embedding = text(body, "embedding_filename", null);
    if (embedding != null) {
      requireSafeName("embedding_filename", embedding);
    }
    String image = text(body, "image_filename", null);
    if (image != null) {
      requireSafeName("image_filename", image);
    }
    return new GenerateBody(
        embedding,
        image,
        prompt(body, "prompt", GenerationRequest.DEFAULT_PROMPT),
        prompt(body, "negative_prompt", GenerationRequest.DEFAULT_NEGATIVE_PROMPT),
        steps(body),
        number(body, "guidance_scale", GenerationRequest.DEFAULT_GUIDANCE_SCALE, GenerationRequest.MAX_GUIDANCE_SCALE),
        seed(body),
        number(body, body.containsKey("ip_adapter_scale") ? "ip_adapter_scale" : "scale",
            GenerationRequest.DEFAULT_SCALE, GenerationRequest.MAX_SCALE));
  }

  /** The worker's request for these parameters. */
  GenerationRequest applyTo(GenerationRequest request) {
    return request.setPrompt(prompt).setNegativePrompt(negativePrompt).setNumInferenceSteps(numInferenceSteps)
        .setGuidanceScale(guidanceScale).setSeed(seed).setScale(scale);
  }

  private static String text(JsonObject body, String field, String fallback) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      throw ApiException.badRequest(field + " must be a string");
    }
    return text;
  }

  private static String prompt(JsonObject body, String field, String fallback) {
    String text = text(body, field, fallback);
    if (text.length() > GenerationRequest.MAX_PROMPT_LENGTH) {
      throw ApiException.badRequest(field + " must be at most " + GenerationRequest.MAX_PROMPT_LENGTH + " characters");
    }
    return text;
  }

  private static void requireSafeName(String field, String name) {
    if (!StorageKeys.isSafeName(name)) {
      throw ApiException.badRequest(field + " is not a valid file name");
    }
  }

  private static int steps(JsonObject body) {
    String field = "num_inference_steps";
    String rule = field + " must be an integer from " + GenerationRequest.MIN_STEPS + " to " + GenerationRequest.MAX_STEPS;
    Object value = body.getValue(field);
    if (value == null) {
      return GenerationRequest.DEFAULT_STEPS;
    }
    BigInteger whole = wholeNumber(value);
    if (whole == null || whole.compareTo(BigInteger.valueOf(GenerationRequest.MIN_STEPS)) < 0
        || whole.compareTo(BigInteger.valueOf(GenerationRequest.MAX_STEPS)) > 0) {
      throw ApiException.badRequest(rule);
    }
    return whole.intValueExact();
  }

  private static double number(JsonObject body, String field, double fallback, double max) {
    Object value = body.getValue(field);
    if (value == null) {
      return fallback;
    }
    double number = value instanceof Number n ? n.doubleValue() : Double.NaN;
    if (!(number >= 0 && number <= max)) {
      throw ApiException.badRequest(field + " must be a number from 0 to " + new BigDecimal(String.valueOf(max))
          .stripTrailingZeros().toPlainString());
    }
    return number;
  }

  private static Long seed(JsonObject body) {
    Object value = body.getValue("seed");
    if (value == null) {
      return null;
    }
    BigInteger whole = wholeNumber(value);
    if (whole == null || whole.bitLength() > 63) {
      throw ApiException.badRequest("seed must be an integer (64-bit) or null");
    }
    return whole.longValueExact();
  }

  /** The value as a whole number when it is a JSON number without a fractional part (30 or 30.0), else null. */
  private static BigInteger wholeNumber(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger big) {
      return big;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      try {
        return new BigDecimal(value.toString()).toBigIntegerExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
