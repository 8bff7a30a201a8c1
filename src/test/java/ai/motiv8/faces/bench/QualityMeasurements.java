package ai.motiv8.faces.bench;

import ai.motiv8.faces.Face;
import ai.motiv8.faces.FaceQuality;
import ai.motiv8.faces.FaceQualityMeter;
import ai.motiv8.faces.RgbImage;
import ai.motiv8.faces.TestImages;
import ai.motiv8.faces.TestModels;
import ai.motiv8.faces.pack.DefaultFacePack;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the selfie quality metrics ({@link FaceQuality}) of the test photos degraded on purpose
 * (Gaussian blur, darkening and over-exposure, rotation, downscaling alone and on a 640×480
 * canvas), with the cosine similarity of each variant's embedding to the untouched photo's: the
 * measurements behind the thresholds of {@code SelfieAdvice}, written down in
 * {@code docs/selfie-quality.md}. Run: {@code scripts/bench-faces.sh quality}.
 */
public final class QualityMeasurements {

  public static void main(String[] args) {
    try (DefaultFacePack pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1)) {
      for (String photo : List.of(TestImages.ASTRONAUT, TestImages.CAMERA)) {
        measure(pack, photo);
      }
    }
  }

  private static void measure(DefaultFacePack pack, String photo) {
    BufferedImage original = TestImages.photo(photo);
    RgbImage originalRgb = TestImages.rgbImage(original);
    float[] reference = pack.embed(originalRgb, pack.detect(originalRgb).get(0));

    Map<String, Function<BufferedImage, BufferedImage>> variants = new LinkedHashMap<>();
    variants.put("original", image -> image);
    variants.put("flip", TestImages::flipHorizontal);
    for (double sigma : new double[] {0.5, 1, 1.5, 2, 3, 4, 6}) {
      variants.put("blur sigma " + sigma, image -> TestImages.blur(image, sigma));
    }
    for (double factor : new double[] {0.7, 0.5, 0.35, 0.25, 0.15, 0.1, 0.05}) {
      variants.put("darken x" + factor, image -> TestImages.exposure(image, factor));
    }
    for (double factor : new double[] {1.5, 2, 2.5, 3}) {
      variants.put("brighten x" + factor, image -> TestImages.exposure(image, factor));
    }
    for (double degrees : new double[] {10, 20, 30, 40, 50, -30}) {
      variants.put("rotate " + degrees, image -> TestImages.rotate(image, degrees));
    }
    for (double factor : new double[] {0.5, 0.35, 0.25, 0.18, 0.12, 0.08}) {
      variants.put("scale " + factor, image -> TestImages.scale(image, factor));
    }
    for (double factor : new double[] {0.8, 0.6, 0.45, 0.35, 0.25, 0.18, 0.12}) {
      variants.put("640x480 canvas, scale " + factor, image -> TestImages.farAway(image, factor, 640, 480));
    }

    System.out.printf(Locale.ROOT, "%s%n  %-30s %5s %6s %9s %6s %6s %6s %5s %6s%n", photo, "variant", "faces",
        "px", "sharp", "bright", "yaw", "roll", "multi", "cos");
    for (Map.Entry<String, Function<BufferedImage, BufferedImage>> entry : variants.entrySet()) {
      RgbImage image = TestImages.rgbImage(entry.getValue().apply(original));
      List<Face> faces = pack.detect(image);
      if (faces.isEmpty()) {
        System.out.printf(Locale.ROOT, "  %-30s %5d  no face%n", entry.getKey(), 0);
        continue;
      }
      FaceQuality q = FaceQualityMeter.measure(image, faces);
      double cosine = SimilarityMeasurements.dot(reference, pack.embed(image, faces.get(0)));
      System.out.printf(Locale.ROOT, "  %-30s %5d %6d %9.1f %6.1f %6.1f %6.1f %5s %6.3f%n", entry.getKey(),
          faces.size(), q.faceWidthPx(), q.sharpness(), q.brightness(), q.yawDegrees(), q.rollDegrees(),
          q.multipleFaces(), cosine);
    }
  }
}
