package ai.motiv8.faces.buffalo;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelLoader;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.OrtSessions;
import ai.motiv8.faces.pack.ModelUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InsightFace's {@code buffalo_l} as a {@link FacePack}: {@link ScrfdDetector} on
 * {@code det_10g.onnx} and {@link ArcFaceRecognizer} on {@code w600k_r50.onnx}, one ONNX Runtime
 * session per model shared by all threads. {@code genderage.onnx}, when present and as listed,
 * gives the gender that steers prompts ({@link GenderAgeModel}; age is not used); without it the
 * pack guesses no gender.
 *
 * <p>The files are supplied by the operator (see {@code docs/models.md}; the pretrained weights
 * are licensed for non-commercial research only) and checked against the committed manifest
 * ({@code models/face/buffalo_l/manifest.json}) before loading.
 */
public final class BuffaloPack implements FacePack {

  private static final Logger LOG = LoggerFactory.getLogger(BuffaloPack.class);

  public static final String NAME = "buffalo_l";
  public static final String EMBEDDING_MODEL = "buffalo_l/w600k_r50";
  public static final String DETECTOR_FILE = "det_10g.onnx";
  public static final String RECOGNIZER_FILE = "w600k_r50.onnx";
  public static final String GENDERAGE_FILE = "genderage.onnx";

  private static final String INSTALL_HINT = "Download InsightFace's buffalo_l.zip and place "
      + DETECTOR_FILE + " and " + RECOGNIZER_FILE + " in the pack folder (docs/models.md).";

  private final ScrfdDetector detector;
  private final ArcFaceRecognizer recognizer;
  private final GenderAgeModel genderAge;

  /**
   * Loads the pack from {@code packDir} (e.g. {@code models/face/buffalo_l}), checking the files
   * against the committed buffalo_l manifest.
   *
   * @param ortThreads intra-op threads of each session (≥ 1); spin-waiting is off
   * @throws ModelUnavailableException naming the file when a model is missing, has the wrong
   *     checksum or cannot be loaded
   */
  public BuffaloPack(Path packDir, int ortThreads) {
    this(packDir, ortThreads, ModelManifest.committed(NAME));
  }

  /**
   * Loads the pack from {@code packDir}, checking the files against {@code manifest}. For tests
   * and self-verified packs: a manifest entry without {@code sha256} loads that file unchecked
   * (with a warning that logs its actual checksum).
   */
  public BuffaloPack(Path packDir, int ortThreads, ModelManifest manifest) {
    OrtSessions.requireThreads(ortThreads);
    long start = System.nanoTime();
    ModelFile detectorFile = listed(manifest, DETECTOR_FILE);
    ModelFile recognizerFile = listed(manifest, RECOGNIZER_FILE);
    manifest.requireValid(packDir, INSTALL_HINT);
    ModelFile genderAgeFile = usableGenderAge(packDir, manifest);
    try (ModelLoader loader = new ModelLoader(packDir, ortThreads)) {
      this.detector = loader.load(detectorFile, "a SCRFD detector", ScrfdDetector::new);
      this.recognizer = loader.load(recognizerFile, "an ArcFace recogniser", ArcFaceRecognizer::new);
      this.genderAge = genderAgeFile == null ? null
          : loader.load(genderAgeFile, "an InsightFace genderage model", GenderAgeModel::new);
      loader.loaded();
    }
    LOG.info("Face pack {} loaded from {} with {} ONNX Runtime thread(s) per model in {} ms",
        NAME, packDir.toAbsolutePath(), ortThreads, (System.nanoTime() - start) / 1_000_000);
  }

  /** The genderage file when it is listed, present and as listed; else null (no gender), logged. */
  private static ModelFile usableGenderAge(Path packDir, ModelManifest manifest) {
    ModelFile file = manifest.file(GENDERAGE_FILE).orElse(null);
    if (file == null || !Files.exists(packDir.resolve(GENDERAGE_FILE))) {
      LOG.info("No {} in face pack {}: no gender is guessed", GENDERAGE_FILE, NAME);
      return null;
    }
    String problem = ModelManifest.problemWith(packDir, file).orElse(null);
    if (problem != null) {
      LOG.warn("{} not used (no gender is guessed): {}", GENDERAGE_FILE, problem);
      return null;
    }
    return file;
  }

  private static ModelFile listed(ModelManifest manifest, String name) {
    return manifest.file(name).orElseThrow(() ->
        new ModelUnavailableException("Manifest of pack " + manifest.pack() + " does not list " + name));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String embeddingModel() {
    return EMBEDDING_MODEL;
  }

  /** Faces found by SCRFD, largest box area first (ties: higher score first). */
  @Override
  public List<Face> detect(RgbImage image) {
    List<Face> faces = new ArrayList<>(detector.detect(image));
    faces.sort(Face.LARGEST_FIRST);
    return faces;
  }

  @Override
  public float[] embed(RgbImage image, Face face) {
    if (face.keypoints() == null) {
      throw new IllegalArgumentException("ArcFace alignment needs the face's five keypoints");
    }
    return recognizer.embed(image, face.keypoints());
  }

  @Override
  public String gender(RgbImage image, Face face) {
    return genderAge == null ? null : genderAge.gender(image, face);
  }

  @Override
  public void close() {
    detector.close();
    recognizer.close();
    if (genderAge != null) {
      genderAge.close();
    }
  }
}
