package ai.motiv8;

import ai.motiv8.common.Await;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigException;
import ai.motiv8.faces.Reembedder;
import ai.motiv8.faces.pack.ModelFetcher;
import ai.motiv8.faces.pack.ModelUnavailableException;
import ai.motiv8.segmentation.SegmentationPack;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code motiv8 models fetch|reembed}: face model packs and the embeddings made with them. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Fetch face models; recompute embeddings.",
    subcommands = {ModelsCommand.Fetch.class, ModelsCommand.Reembed.class})
final class ModelsCommand {

  private static final Logger log = LoggerFactory.getLogger(ModelsCommand.class);

  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Fetch the default face pack with npm pack, check its SHA-256 and cache it (offline once cached).")
  static final class Fetch implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--models-dir", paramLabel = "DIR", description = "Models folder (default: face.modelsDir, env MODELS_DIR).")
    Path modelsDir;

    @Override
    public Integer call() {
      try {
        Path dir = modelsDir != null ? modelsDir : configOptions.load(Map.of()).face().modelsDir();
        Path pack = ModelFetcher.fetchDefaultPack(dir.toAbsolutePath());
        log.info("Default face pack ready in {}", pack);
        log.info("Person segmentation model ready in {}",
            SegmentationPack.fetch(dir.toAbsolutePath(), ModelFetcher.defaultCacheDir()));
        return 0;
      } catch (ConfigException | ModelUnavailableException e) {
        log.error("{}", e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "reembed", mixinStandardHelpOptions = true,
      description = "Recompute the stored embedding of every user's selfie with the configured face pack.")
  static final class Reembed implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--all", description = "Also users whose embedding already comes from the configured pack.")
    boolean all;

    @Option(names = "--concurrency", defaultValue = "2", description = "Users processed at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--dry-run", description = "Only list who would be processed.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      AppConfig config;
      try {
        config = configOptions.load(Map.of());
      } catch (ConfigException e) {
        log.error("{}", e.getMessage());
        return 2;
      }
      Vertx vertx = Vertx.vertx();
      try {
        Reembedder.Summary summary = Await.result(Application.deployWithoutHttp(vertx, config)
            .compose(app -> new Reembedder(vertx, config.face()).run(!all, concurrency, dryRun)));
        log.info("Re-embedding done: {}", summary);
        return summary.failed() == 0 ? 0 : 1;
      } finally {
        Await.result(vertx.close());
      }
    }
  }
}
