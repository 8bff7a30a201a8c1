package ai.motiv8.faces.bench;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.intake.ImageIntake;
import ai.motiv8.faces.pack.DefaultFacePack;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints the cosine similarity of the astronaut's embedding to itself under many changes and to
 * a different person (the camera man), the measurements behind the thresholds in
 * {@code FaceIdentityTest}. Run: {@code scripts/bench-faces.sh similarity}.
 */
public final class SimilarityMeasurements {

  public static void main(String[] args) {
    ImageIntake intake = new ImageIntake(100_000_000L);
    try (DefaultFacePack pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1)) {
      BufferedImage astronaut = TestImages.photo(TestImages.ASTRONAUT);
      BufferedImage camera = TestImages.photo(TestImages.CAMERA);
      float[] reference = embedLargest(pack, TestImages.rgbImage(astronaut));
      float[] cameraReference = embedLargest(pack, TestImages.rgbImage(camera));

      Map<String, Supplier<RgbImage>> same = new LinkedHashMap<>();
      same.put("flip", () -> TestImages.rgbImage(TestImages.flipHorizontal(astronaut)));
      for (double f : new double[] {0.25, 0.35, 0.5, 0.75, 1.5, 2.0}) {
        same.put("scale " + f, () -> TestImages.rgbImage(TestImages.scale(astronaut, f)));
      }
      for (float q : new float[] {0.3f, 0.5f, 0.75f, 0.9f}) {
        same.put("jpeg q" + q, () -> intake.read(TestImages.jpeg(astronaut, q)).image());
      }
      for (double d : new double[] {-20, -15, -10, -5, 5, 10, 15, 20}) {
        same.put("rotate " + d, () -> TestImages.rgbImage(TestImages.rotate(astronaut, d)));
      }
      same.put("exif 6 jpeg q0.9", () -> intake.read(TestImages.withExifOrientation(
          TestImages.jpeg(TestImages.rotateCounterClockwise90(astronaut), 0.9f), 6)).image());
      same.put("gray", () -> TestImages.rgbImage(TestImages.gray(astronaut)));
      same.put("crop head", () -> TestImages.rgbImage(TestImages.crop(astronaut, 100, 0, 260, 260)));
      same.put("crop loose", () -> TestImages.rgbImage(TestImages.crop(astronaut, 50, 0, 400, 400)));
      same.put("webp 256", () -> intake.read(TestImages.resource("/images/astronaut-256.webp")).image());
      same.put("cmyk jpeg 256", () -> intake.read(TestImages.resource("/images/astronaut-256-cmyk.jpg")).image());
      same.put("two-face canvas (largest)", () -> TestImages.rgbImage(TestImages.twoFaceCanvas()));

      System.out.println("same person (astronaut vs variant):");
      for (Map.Entry<String, Supplier<RgbImage>> entry : same.entrySet()) {
        RgbImage image = entry.getValue().get();
        List<Face> faces = pack.detect(image);
        String cosine = faces.isEmpty() ? "no face" : format(dot(reference, pack.embed(image, faces.get(0))));
        System.out.printf(Locale.ROOT, "  %-28s faces=%d  face=%4.0f px  cos=%s%n", entry.getKey(), faces.size(),
            faces.isEmpty() ? 0f : faces.get(0).height(), cosine);
      }

      System.out.println("same person (camera man vs variant):");
      for (Map.Entry<String, Supplier<RgbImage>> entry : Map.<String, Supplier<RgbImage>>of(
          "flip", () -> TestImages.rgbImage(TestImages.flipHorizontal(camera)),
          "scale 0.5", () -> TestImages.rgbImage(TestImages.scale(camera, 0.5)),
          "rotate 10", () -> TestImages.rgbImage(TestImages.rotate(camera, 10)),
          "jpeg q0.5", () -> intake.read(TestImages.jpeg(camera, 0.5f)).image()).entrySet()) {
        RgbImage image = entry.getValue().get();
        List<Face> faces = pack.detect(image);
        System.out.printf(Locale.ROOT, "  %-28s faces=%d  face=%4.0f px  cos=%s%n", entry.getKey(), faces.size(),
            faces.isEmpty() ? 0f : faces.get(0).height(),
            faces.isEmpty() ? "no face" : format(dot(cameraReference, pack.embed(image, faces.get(0)))));
      }

      System.out.println("different people (camera man variants vs astronaut variants):");
      Map<String, RgbImage> others = new LinkedHashMap<>();
      others.put("camera", TestImages.rgbImage(camera));
      others.put("camera flip", TestImages.rgbImage(TestImages.flipHorizontal(camera)));
      others.put("camera scale 1.5", TestImages.rgbImage(TestImages.scale(camera, 1.5)));
      others.put("camera jpeg q0.5", intake.read(TestImages.jpeg(camera, 0.5f)).image());
      RgbImage canvas = TestImages.rgbImage(TestImages.twoFaceCanvas());
      List<Face> canvasFaces = pack.detect(canvas);
      if (canvasFaces.size() > 1) {
        System.out.printf(Locale.ROOT, "  canvas small face vs camera: cos=%s%n",
            format(dot(cameraReference, pack.embed(canvas, canvasFaces.get(1)))));
      }
      float[] astronautGray = embedLargest(pack, TestImages.rgbImage(TestImages.gray(astronaut)));
      float[] astronautFlip = embedLargest(pack, TestImages.rgbImage(TestImages.flipHorizontal(astronaut)));
      for (Map.Entry<String, RgbImage> entry : others.entrySet()) {
        float[] other = embedLargest(pack, entry.getValue());
        System.out.printf(Locale.ROOT, "  %-28s vs astronaut=%s  vs gray astronaut=%s  vs flipped astronaut=%s%n",
            entry.getKey(), format(dot(reference, other)), format(dot(astronautGray, other)),
            format(dot(astronautFlip, other)));
      }
    }
  }

  private static float[] embedLargest(DefaultFacePack pack, RgbImage image) {
    List<Face> faces = pack.detect(image);
    if (faces.isEmpty()) {
      throw new IllegalStateException("No face");
    }
    return pack.embed(image, faces.get(0));
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
