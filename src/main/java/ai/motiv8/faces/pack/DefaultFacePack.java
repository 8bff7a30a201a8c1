package ai.motiv8.faces.pack;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceAligner;
import ai.motiv8.faces.FacePack;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.onnx.ModelLoader;
import ai.motiv8.faces.onnx.ModelManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The face pack a fresh checkout has (the npm package {@code faceplugin-face-recognition-js},
 * MIT): UltraFace detection → 68 landmarks → five keypoints → similarity alignment to 112×112 →
 * 512-d embedding, as specified in ML.md. Its SSR-Net gender model guesses the gender that steers
 * the prompts (poor: see the README's measurements); its age model is not used.
 *
 * <p>Known weakness: the detector also finds some animal faces (a cat, a mandrill).
 */
public final class DefaultFacePack implements FacePack {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultFacePack.class);

  public static final String NAME = "default";
  public static final String EMBEDDING_MODEL = "default/fr_feature";
  /** How to get good files, for error messages. */
  public static final String FETCH_HINT = "Run `motiv8 models fetch` (or `mvn process-test-classes`) to fetch it.";

  private final UltraFaceDetector detector;
  private final FaceLandmarker landmarker;
  private final FaceRecognizer recognizer;
  private final SsrNetGender genderModel;

  /** @param genderModel null for a pack without gender */
  public DefaultFacePack(UltraFaceDetector detector, FaceLandmarker landmarker, FaceRecognizer recognizer,
                         SsrNetGender genderModel) {
    this.detector = detector;
    this.landmarker = landmarker;
    this.recognizer = recognizer;
    this.genderModel = genderModel;
  }

  /**
   * Checks every file of {@code packDir} against the manifest, then opens one session per model.
   *
   * @throws ModelUnavailableException when a file is missing, has the wrong SHA-256, or does not
   *     have the inputs and outputs the manifest describes
   */
  public static DefaultFacePack load(Path packDir, int ortThreads) {
    ModelManifest manifest = ModelManifest.committed(NAME);
    manifest.requireValid(packDir, FETCH_HINT);
    try (ModelLoader loader = new ModelLoader(packDir, ortThreads)) {
      UltraFaceDetector detector = loader.load(manifest.fileWithRole("detector"), "an UltraFace detector",
          UltraFaceDetector::new);
      FaceLandmarker landmarker = loader.load(manifest.fileWithRole("landmarks"), "a landmark model",
          FaceLandmarker::new);
      FaceRecognizer recognizer = loader.load(manifest.fileWithRole("recognizer"), "a face recogniser",
          FaceRecognizer::new);
      SsrNetGender gender = loader.load(manifest.fileWithRole("gender"), "an SSR-Net gender model", SsrNetGender::new);
      loader.loaded();
      LOG.info("Loaded face pack '{}' from {} ({} ONNX Runtime thread(s) per session)", NAME, packDir, ortThreads);
      return new DefaultFacePack(detector, landmarker, recognizer, gender);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String embeddingModel() {
    return EMBEDDING_MODEL;
  }

  @Override
  public List<Face> detect(RgbImage image) {
    List<Face> faces = new ArrayList<>();
    for (Face face : detector.detect(image)) {
      faces.add(face.withKeypoints(landmarker.keypoints(image, face)));
    }
    faces.sort(Face.LARGEST_FIRST);
    return faces;
  }

  @Override
  public float[] embed(RgbImage image, Face face) {
    if (face.keypoints() == null) {
      throw new IllegalArgumentException("The face has no keypoints: detect it with this pack first");
    }
    return recognizer.embed(FaceAligner.align(image, face.keypoints(), FaceRecognizer.INPUT_SIZE));
  }

  @Override
  public String gender(RgbImage image, Face face) {
    return genderModel == null ? null : genderModel.gender(image, face);
  }

  /** The gender model, or null. */
  public SsrNetGender genderModel() {
    return genderModel;
  }

  public UltraFaceDetector detector() {
    return detector;
  }

  public FaceLandmarker landmarker() {
    return landmarker;
  }

  public FaceRecognizer recognizer() {
    return recognizer;
  }

  @Override
  public void close() {
    detector.close();
    landmarker.close();
    recognizer.close();
    if (genderModel != null) {
      genderModel.close();
    }
  }
}
