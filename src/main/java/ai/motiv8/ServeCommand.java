package ai.motiv8;

import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code motiv8 serve}: runs the service until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP API and its workers.")
final class ServeCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin
  ConfigOptions configOptions;

  @Option(names = {"-p", "--port"}, description = "HTTP port (config http.port, env HTTP_PORT).")
  Integer port;

  @Option(names = {"-e", "--environment"}, description = "development or production (env ENVIRONMENT).")
  String environment;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config;
    try {
      config = configOptions.load(cliSettings());
    } catch (ConfigException e) {
      log.error("{}", e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Shutting down");
      vertx.close().onComplete(done -> stopped.countDown());
      awaitQuietly(stopped);
    }, "motiv8-shutdown"));
    try {
      Application.deploy(vertx, config).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("motiv8 failed to start: {}", cause.getMessage(), cause);
      vertx.close();
      return 1;
    }
    stopped.await();
    return 0;
  }

  private Map<String, String> cliSettings() {
    Map<String, String> all = new LinkedHashMap<>();
    if (port != null) {
      all.put("http.port", port.toString());
    }
    if (environment != null) {
      all.put("environment", environment);
    }
    return all;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
