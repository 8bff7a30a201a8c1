package ai.motiv8.generation.diffusion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A diffusion model pack on disk, in the standard ONNX layout of Stable Diffusion exports:
 *
 * <pre>
 *   text_encoder/model.onnx     CLIP ViT-L/14 text encoder          required
 *   unet/model.onnx (+ weights) UNet, external data beside it       required
 *   vae_decoder/model.onnx      VAE decoder                         required
 *   tokenizer/vocab.json, tokenizer/merges.txt                      required
 *   image_encoder/model.onnx    CLIP ViT-H/14 vision, penultimate   face conditioning
 *   face_projection/model.onnx  IP-Adapter-FaceID-Plus projection   face conditioning
 *   manifest.json               files, sizes, SHA-256, contracts    written by scripts/export_diffusion_pack.py
 * </pre>
 *
 * A plain SD 1.5 ONNX export (no face models, no manifest) is a valid pack: the engine then
 * conditions on text only. When a manifest is present, every file it lists must be there with
 * its size, and (when opened with checksum verification) its SHA-256.
 */
public final class DiffusionPack {

  private static final Logger LOG = LoggerFactory.getLogger(DiffusionPack.class);

  /** Where the documentation explains how to make and install a pack. */
  public static final String HOW_TO = "see docs/diffusion.md, section \"Producing and installing the pack\"";

  public static final String TEXT_ENCODER = "text_encoder/model.onnx";
  public static final String UNET = "unet/model.onnx";
  public static final String VAE_DECODER = "vae_decoder/model.onnx";
  public static final String VOCAB = "tokenizer/vocab.json";
  public static final String MERGES = "tokenizer/merges.txt";
  public static final String IMAGE_ENCODER = "image_encoder/model.onnx";
  public static final String FACE_PROJECTION = "face_projection/model.onnx";
  public static final String MANIFEST = "manifest.json";

  /** SD 1.5's latent scaling ({@code vae.config.scaling_factor}). */
  public static final float DEFAULT_VAE_SCALING = 0.18215f;
  /** IP-Adapter-FaceID-Plus's face tokens. */
  public static final int DEFAULT_FACE_TOKENS = 4;

  private static final List<String> REQUIRED = List.of(TEXT_ENCODER, UNET, VAE_DECODER, VOCAB, MERGES);

  private final Path dir;
  private final String name;
  private final boolean faceModels;
  private final float vaeScaling;
  private final int faceTokens;
  private final boolean hasManifest;

  private DiffusionPack(Path dir, String name, boolean faceModels, float vaeScaling, int faceTokens, boolean hasManifest) {
    this.dir = dir;
    this.name = name;
    this.faceModels = faceModels;
    this.vaeScaling = vaeScaling;
    this.faceTokens = faceTokens;
    this.hasManifest = hasManifest;
  }

  /**
   * A quick look at {@code dir} (no hashing, no model loading): what is wrong with it, or empty
   * when it looks usable. For readiness checks and start-up logs.
   */
  public static Optional<String> check(Path dir) {
    try {
      inspect(dir, false);
      return Optional.empty();
    } catch (DiffusionPackException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Opens the pack in {@code dir}, checking that every needed file is there and, when the pack
   * has a manifest, that each listed file has its size and (if {@code verifyChecksums}) its
   * SHA-256.
   *
   * @throws DiffusionPackException naming the first missing or wrong file
   */
  public static DiffusionPack open(Path dir, boolean verifyChecksums) {
    return inspect(dir, verifyChecksums);
  }

  private static DiffusionPack inspect(Path dir, boolean verifyChecksums) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new DiffusionPackException("Diffusion pack folder " + (dir == null ? "(not configured)" : dir.toAbsolutePath())
          + " does not exist; " + HOW_TO);
    }
    for (String file : REQUIRED) {
      requireFile(dir, file);
    }
    boolean encoder = Files.isRegularFile(dir.resolve(IMAGE_ENCODER));
    boolean projection = Files.isRegularFile(dir.resolve(FACE_PROJECTION));
    if (encoder != projection) {
      String missing = encoder ? FACE_PROJECTION : IMAGE_ENCODER;
      throw new DiffusionPackException("Diffusion pack " + dir.toAbsolutePath() + " has "
          + (encoder ? IMAGE_ENCODER : FACE_PROJECTION) + " but lacks " + dir.resolve(missing).toAbsolutePath()
          + ": face conditioning needs both; " + HOW_TO);
    }
    String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    float scaling = DEFAULT_VAE_SCALING;
    int tokens = DEFAULT_FACE_TOKENS;
    Path manifestFile = dir.resolve(MANIFEST);
    boolean hasManifest = Files.isRegularFile(manifestFile);
    if (hasManifest) {
      Map<String, Object> manifest;
      try {
        manifest = Json.readObject(manifestFile);
      } catch (IOException | RuntimeException e) {
        throw new DiffusionPackException("Diffusion pack manifest " + manifestFile.toAbsolutePath()
            + " is not valid JSON (" + e.getMessage() + "); " + HOW_TO, e);
      }
      if (manifest.get("pack") instanceof String packName) {
        name = packName;
      }
      if (manifest.get("parameters") instanceof Map<?, ?> parameters) {
        if (parameters.get("vae_scaling_factor") instanceof Number n) {
          scaling = n.floatValue();
        }
        if (parameters.get("num_face_tokens") instanceof Number n) {
          tokens = n.intValue();
        }
      }
      verifyListedFiles(dir, manifestFile, manifest.get("files"), verifyChecksums);
    }
    return new DiffusionPack(dir, name, encoder, scaling, tokens, hasManifest);
  }

  private static void verifyListedFiles(Path dir, Path manifestFile, Object files, boolean checksums) {
    if (!(files instanceof List<?> list)) {
      throw new DiffusionPackException("Diffusion pack manifest " + manifestFile.toAbsolutePath()
          + " has no \"files\" list; " + HOW_TO);
    }
    List<String> verified = new ArrayList<>();
    for (Object entry : list) {
      if (!(entry instanceof Map<?, ?> file) || !(file.get("path") instanceof String path)) {
        throw new DiffusionPackException("Diffusion pack manifest " + manifestFile.toAbsolutePath()
            + " has a file entry without \"path\": " + entry);
      }
      Path resolved = dir.resolve(path).normalize();
      if (!resolved.startsWith(dir.normalize()) || path.startsWith("/")) {
        throw new DiffusionPackException("Diffusion pack manifest " + manifestFile.toAbsolutePath()
            + " names a file outside the pack: " + path);
      }
      requireFile(dir, path);
      try {
        long size = Files.size(resolved);
        if (file.get("bytes") instanceof Number bytes && bytes.longValue() != size) {
          throw new DiffusionPackException("Diffusion pack file " + resolved.toAbsolutePath() + " has " + size
              + " bytes, the manifest says " + bytes + " (incomplete copy?); " + HOW_TO);
        }
        if (checksums && file.get("sha256") instanceof String expected) {
          long start = System.nanoTime();
          String actual = sha256(resolved);
          if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
            throw new DiffusionPackException("Diffusion pack file " + resolved.toAbsolutePath() + " has SHA-256 "
                + actual + ", the manifest says " + expected + " (corrupt or replaced file); " + HOW_TO);
          }
          LOG.debug("Verified {} ({} bytes) in {} ms", resolved, size, (System.nanoTime() - start) / 1_000_000);
        }
      } catch (IOException e) {
        throw new DiffusionPackException("Cannot read diffusion pack file " + resolved.toAbsolutePath() + ": " + e, e);
      }
      verified.add(path);
    }
    LOG.info("Diffusion pack {}: {} files match the manifest{}", dir.toAbsolutePath(), verified.size(),
        checksums ? " (sizes and SHA-256)" : " (sizes)");
  }

  private static void requireFile(Path dir, String relative) {
    Path file = dir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new DiffusionPackException("Diffusion pack file missing: " + file.toAbsolutePath() + "; " + HOW_TO);
    }
    try {
      if (Files.size(file) == 0) {
        throw new DiffusionPackException("Diffusion pack file is empty: " + file.toAbsolutePath() + "; " + HOW_TO);
      }
    } catch (IOException e) {
      throw new DiffusionPackException("Cannot read diffusion pack file " + file.toAbsolutePath() + ": " + e, e);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM lacks SHA-256", e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public Path dir() {
    return dir;
  }

  /** The pack's name: the manifest's {@code pack}, else the folder name. */
  public String name() {
    return name;
  }

  /** Whether the pack has the image encoder and face projection (IP-Adapter-FaceID-Plus). */
  public boolean hasFaceModels() {
    return faceModels;
  }

  public boolean hasManifest() {
    return hasManifest;
  }

  /** Latents are divided by this before the VAE decoder (0.18215 for SD 1.5). */
  public float vaeScaling() {
    return vaeScaling;
  }

  /** Face tokens appended to the 77 text tokens (4 for FaceID-Plus). */
  public int faceTokens() {
    return faceTokens;
  }

  public Path file(String relative) {
    return dir.resolve(relative);
  }

  @Override
  public String toString() {
    return "DiffusionPack[" + name + " at " + dir.toAbsolutePath() + (faceModels ? ", face conditioning" : ", text only") + "]";
  }
}
