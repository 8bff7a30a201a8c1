package ai.motiv8.faces.bench;

import ai.motiv8.faces.Face;
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
 * The default pack's gender guess on the test photos whose subject is known (the astronaut,
 * Eileen Collins: female; the cameraman: male) and on variants of them a selfie may show (mirror,
 * blur, darker, brighter, tilted, smaller), counted as right or wrong. Two people are far too few
 * for an accuracy; this shows how stable the guess is for one face under ordinary changes, which
 * is what the prompts depend on. Run: {@code scripts/bench-faces.sh gender}.
 */
public final class GenderMeasurements {

  public static void main(String[] args) {
    Map<String, String> subjects = new LinkedHashMap<>();
    subjects.put(TestImages.ASTRONAUT, "female");
    subjects.put(TestImages.CAMERA, "male");
    int right = 0;
    int guessed = 0;
    try (DefaultFacePack pack = DefaultFacePack.load(TestModels.defaultPackDir(), 1)) {
      for (Map.Entry<String, String> subject : subjects.entrySet()) {
        BufferedImage original = TestImages.photo(subject.getKey());
        System.out.printf(Locale.ROOT, "%s (%s)%n", subject.getKey(), subject.getValue());
        for (Map.Entry<String, Function<BufferedImage, BufferedImage>> variant : variants().entrySet()) {
          RgbImage image = TestImages.rgbImage(variant.getValue().apply(original));
          List<Face> faces = pack.detect(image);
          String guess = faces.isEmpty() ? null : pack.gender(image, faces.get(0));
          if (guess != null) {
            guessed++;
            right += guess.equals(subject.getValue()) ? 1 : 0;
          }
          System.out.printf(Locale.ROOT, "  %-22s %s%n", variant.getKey(), faces.isEmpty() ? "no face" : guess);
        }
      }
    }
    System.out.printf(Locale.ROOT, "right %d of %d guesses (%.0f%%)%n", right, guessed, 100.0 * right / guessed);
  }

  private static Map<String, Function<BufferedImage, BufferedImage>> variants() {
    Map<String, Function<BufferedImage, BufferedImage>> variants = new LinkedHashMap<>();
    variants.put("original", image -> image);
    variants.put("mirror", TestImages::flipHorizontal);
    for (double sigma : new double[] {1, 2, 3}) {
      variants.put("blur sigma " + sigma, image -> TestImages.blur(image, sigma));
    }
    for (double factor : new double[] {0.5, 0.25}) {
      variants.put("darken x" + factor, image -> TestImages.exposure(image, factor));
    }
    variants.put("brighten x1.5", image -> TestImages.exposure(image, 1.5));
    for (double degrees : new double[] {-20, -10, 10, 20}) {
      variants.put("rotate " + degrees, image -> TestImages.rotate(image, degrees));
    }
    for (double factor : new double[] {0.5, 0.35, 0.25}) {
      variants.put("scale " + factor, image -> TestImages.scale(image, factor));
    }
    return variants;
  }
}
