package ai.motiv8.generation.poster;

import ai.motiv8.generation.FaceGeometry;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test photo, its face (as the default face pack detects it, see {@code photos/README.md})
 * and ways to vary both.
 */
public final class TestFaces {

  public static final FaceGeometry ASTRONAUT_FACE = new FaceGeometry(
      new float[] {168.8f, 62.7f, 279.5f, 173.4f},
      new float[] {204.2f, 100.3f, 247.3f, 103.1f, 224.9f, 127.2f, 204.1f, 139.9f, 243.6f, 142.1f});

  private TestFaces() {
  }

  public static BufferedImage astronaut() {
    try (InputStream in = TestFaces.class.getResourceAsStream("/photos/astronaut.png")) {
      return convert(ImageIO.read(in), BufferedImage.TYPE_INT_RGB);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage convert(BufferedImage image, int type) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  /** The image and face mapped by {@code transform} onto a canvas of {@code width}×{@code height}. */
  public static Transformed transform(BufferedImage image, FaceGeometry face, AffineTransform transform,
                                      int width, int height) {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(image, transform, null);
    g.dispose();
    float[] keypoints = face.keypoints();
    transform.transform(keypoints, 0, keypoints, 0, keypoints.length / 2);
    float[] box = face.box();
    float[] corners = {box[0], box[1], box[2], box[1], box[0], box[3], box[2], box[3]};
    transform.transform(corners, 0, corners, 0, 4);
    float minX = Math.min(Math.min(corners[0], corners[2]), Math.min(corners[4], corners[6]));
    float maxX = Math.max(Math.max(corners[0], corners[2]), Math.max(corners[4], corners[6]));
    float minY = Math.min(Math.min(corners[1], corners[3]), Math.min(corners[5], corners[7]));
    float maxY = Math.max(Math.max(corners[1], corners[3]), Math.max(corners[5], corners[7]));
    return new Transformed(out, new FaceGeometry(new float[] {minX, minY, maxX, maxY}, keypoints));
  }

  /** Writes {@code png} to {@code target/posters-test/<name>} so that a person can look at it. */
  public static void keepSample(String name, byte[] png) {
    try {
      Path dir = Path.of("target", "posters-test");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Transformed(BufferedImage image, FaceGeometry face) {
  }
}
