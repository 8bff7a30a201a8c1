package ai.motiv8.faces;

import ai.motiv8.faces.intake.DecodedImage;
import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.metrics.AppMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One image file in, faces (and optionally the largest face's embedding) out: intake, detection,
 * embedding. Plain blocking Java, safe for concurrent use; the inference verticle runs it on its
 * worker pool.
 */
public final class FaceAnalyzer {

  private static final Logger LOG = LoggerFactory.getLogger(FaceAnalyzer.class);

  private final ImageIntake intake;
  private final FacePack pack;

  public FaceAnalyzer(ImageIntake intake, FacePack pack) {
    this.intake = intake;
    this.pack = pack;
  }

  public FacePack pack() {
    return pack;
  }

  /**
   * @param embed whether to embed the largest face; when true and there is no face, fails with
   *     {@link NoFaceException}, when it is narrower than {@link SelfieAdvice#MIN_FACE_PX} with
   *     {@link FaceTooSmallException}
   * @throws ai.motiv8.faces.intake.NotAnImageException      not a whole image of a supported type
   * @throws ai.motiv8.faces.intake.ImageTooLargeException   more pixels than allowed
   */
  public Result analyze(Path imageFile, boolean embed) {
    long start = System.nanoTime();
    DecodedImage decoded = intake.read(imageFile);
    long decodedAt = System.nanoTime();
    List<Face> faces = pack.detect(decoded.image());
    long detectedAt = System.nanoTime();
    FaceQuality quality = faces.isEmpty() ? null : FaceQualityMeter.measure(decoded.image(), faces);
    float[] embedding = null;
    String gender = null;
    if (embed) {
      if (faces.isEmpty()) {
        throw new NoFaceException();
      }
      if (!SelfieAdvice.usable(faces.get(0).width())) {
        throw new FaceTooSmallException(quality.faceWidthPx());
      }
      embedding = pack.embed(decoded.image(), faces.get(0));
    }
    if (!faces.isEmpty()) {
      gender = pack.gender(decoded.image(), faces.get(0));
    }
    long end = System.nanoTime();
    // ONNX Runtime time per model: detection (with landmarks where the pack has them) and embedding.
    AppMetrics.recordOnnxRun(pack.name() + "/detect", detectedAt - decodedAt);
    if (embed) {
      AppMetrics.recordOnnxRun(pack.embeddingModel(), end - detectedAt);
    }
    LOG.debug("{} {}x{}: {} face(s); decode {} ms, detect {} ms, embed {} ms", decoded.type(), decoded.width(),
        decoded.height(), faces.size(), millis(decodedAt - start), millis(detectedAt - decodedAt),
        millis(end - detectedAt));
    return new Result(faces, embedding, quality, decoded.contentType(), decoded.extension(), decoded.width(),
        decoded.height(), gender);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  /**
   * Faces largest first; the embedding of {@code faces.get(0)} (unit length) or null; the
   * measurements of {@code faces.get(0)}, null when there is no face; the pack's gender guess for
   * that face ({@code male}/{@code female}), null when there is none or the pack has no gender model.
   */
  public record Result(List<Face> faces, float[] embedding, FaceQuality quality, String contentType,
                       String extension, int width, int height, String gender) {

    /** The event-bus form; {@code embeddingKey} null when nothing was stored. */
    public FaceAnalysis toAnalysis(String embeddingKey, String embeddingModel) {
      List<DetectedFace> detected = new ArrayList<>();
      faces.forEach(face -> detected.add(DetectedFace.of(face)));
      return new FaceAnalysis(detected, faces.isEmpty() ? -1 : 0, embeddingKey,
          embeddingKey == null ? null : embeddingModel,
          embeddingKey == null ? List.of() : List.of(embedding.length), contentType, extension, width, height,
          quality, quality == null ? List.of() : SelfieAdvice.warnings(quality))
          .setGender(gender);
    }
  }
}
