package ai.motiv8.faces.pack;

import ai.motiv8.faces.onnx.ModelFile;
import ai.motiv8.faces.onnx.ModelManifest;
import ai.motiv8.faces.onnx.Sha256;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fetcher against a small fake package, with a fake or missing {@code npm}: no network. */
class ModelFetcherTest {

  private static final List<String> MISSING_NPM = List.of("/nonexistent/bin/npm");
  private static final Map<String, byte[]> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("a.onnx", "first model".getBytes(StandardCharsets.UTF_8));
    MODELS.put("b.onnx", new byte[70_000]);
  }

  @TempDir
  Path tmp;
  private Path modelsDir;
  private Path cacheDir;
  private Path tarball;

  @BeforeEach
  void makePackage() throws IOException {
    modelsDir = tmp.resolve("models");
    cacheDir = tmp.resolve("cache");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
    MODELS.forEach((name, bytes) -> entries.put("package/model/" + name, bytes));
    entries.put("package/model/unused.onnx", new byte[10]);
    tarball = tmp.resolve("fake-models-1.0.0.tgz");
    Files.write(tarball, tgz(entries));
  }

  @Test
  @DisplayName("nothing is fetched when the pack is already present and valid, even without npm")
  void idempotentWhenValid() throws IOException {
    Path packDir = modelsDir.resolve("face/fake");
    Files.createDirectories(packDir);
    for (Map.Entry<String, byte[]> model : MODELS.entrySet()) {
      Files.write(packDir.resolve(model.getKey()), model.getValue());
    }

    Path result = new ModelFetcher(manifest(), cacheDir, MISSING_NPM).fetch(modelsDir);

    assertThat(result).isEqualTo(packDir);
    assertThat(cacheDir).doesNotExist();
  }

  @Test
  @DisplayName("a cached tarball is used without npm, and only the listed files are extracted")
  void extractsFromCache() throws IOException {
    Files.createDirectories(cacheDir.resolve("npm"));
    Files.copy(tarball, cacheDir.resolve("npm/fake-models-1.0.0.tgz"));

    Path packDir = new ModelFetcher(manifest(), cacheDir, MISSING_NPM).fetch(modelsDir);

    assertThat(packDir.resolve("a.onnx")).hasBinaryContent(MODELS.get("a.onnx"));
    assertThat(packDir.resolve("b.onnx")).hasBinaryContent(MODELS.get("b.onnx"));
    try (var files = Files.list(packDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.onnx", "b.onnx");
    }
  }

  @Test
  @DisplayName("without a cached tarball, `npm pack <spec>` runs in the cache folder")
  void runsNpmPack() throws IOException {
    Path args = tmp.resolve("args.txt");
    List<String> fakeNpm = List.of("sh", "-c", "echo \"$@\" > '" + args + "' && cp '" + tarball + "' .", "npm");

    Path packDir = new ModelFetcher(manifest(), cacheDir, fakeNpm).fetch(modelsDir);

    assertThat(packDir.resolve("a.onnx")).hasBinaryContent(MODELS.get("a.onnx"));
    assertThat(Files.readString(args).strip()).isEqualTo("pack fake-models@1.0.0 --silent");
    assertThat(cacheDir.resolve("npm/fake-models-1.0.0.tgz")).exists();
    try (var left = Files.list(cacheDir.resolve("npm"))) {
      assertThat(left).as("the private pack folder is removed").hasSize(1);
    }
  }

  @Test
  @DisplayName("a missing npm gives a clear message with the manual steps and checksums")
  void missingNpmExplainsManualSteps() {
    ModelFetcher fetcher = new ModelFetcher(manifest(), cacheDir, MISSING_NPM);

    assertThatThrownBy(() -> fetcher.fetch(modelsDir))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("npm is not available")
        .hasMessageContaining("npm pack fake-models@1.0.0")
        .hasMessageContaining("tar xzf fake-models-1.0.0.tgz package/model/a.onnx package/model/b.onnx")
        .hasMessageContaining(sha256(MODELS.get("a.onnx")) + "  a.onnx");
  }

  @Test
  @DisplayName("a package whose file differs from the manifest is refused and leaves nothing behind")
  void refusesWrongChecksum() throws IOException {
    JsonObject json = manifestJson();
    json.getJsonArray("files").getJsonObject(1).put("sha256", "00".repeat(32));
    Files.createDirectories(cacheDir.resolve("npm"));
    Files.copy(tarball, cacheDir.resolve("npm/fake-models-1.0.0.tgz"));

    assertThatThrownBy(() -> new ModelFetcher(ModelManifest.fromJson(json), cacheDir, MISSING_NPM).fetch(modelsDir))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("b.onnx in")
        .hasMessageContaining("expected 0000");
    try (var files = Files.list(modelsDir.resolve("face/fake"))) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }
    assertThat(modelsDir.resolve("face/fake/b.onnx")).doesNotExist();
  }

  @Test
  @DisplayName("the committed default manifest lists the four models with their tensor contracts")
  void defaultManifest() {
    ModelManifest manifest = ModelManifest.committed(DefaultFacePack.NAME);

    assertThat(manifest.npmSpec()).isEqualTo("faceplugin-face-recognition-js@0.0.1");
    assertThat(manifest.files()).extracting(ModelFile::name)
        .containsExactly("fr_detect.onnx", "fr_landmark.onnx", "fr_feature.onnx", "fr_gender.onnx");
    assertThat(manifest.fileWithRole("detector").inputs().get(0).shape()).containsExactly(1, 3, 240, 320);
    assertThat(manifest.fileWithRole("recognizer").outputs().get(0).shape()).containsExactly(1, 512);
  }

  private ModelManifest manifest() {
    return ModelManifest.fromJson(manifestJson());
  }

  private JsonObject manifestJson() {
    JsonArray files = new JsonArray();
    MODELS.forEach((name, bytes) -> files.add(new JsonObject().put("name", name).put("role", name)
        .put("sha256", sha256(bytes)).put("inputs", new JsonArray()).put("outputs", new JsonArray())));
    return new JsonObject().put("pack", "fake")
        .put("source", new JsonObject().put("npm", "fake-models@1.0.0").put("tarball", "fake-models-1.0.0.tgz")
            .put("folder", "package/model/"))
        .put("files", files);
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(Sha256.newDigest().digest(bytes));
  }

  /** A gzipped ustar archive, as {@code npm pack} writes one. */
  private static byte[] tgz(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        byte[] header = new byte[512];
        put(header, 0, entry.getKey());
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", entry.getValue().length));
        put(header, 136, String.format("%011o", 499_162_500L));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
          sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o", sum));
        out.write(header);
        out.write(entry.getValue());
        out.write(new byte[(512 - entry.getValue().length % 512) % 512]);
      }
      out.write(new byte[1024]);
    }
    return bytes.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
