package ai.motiv8.migration;

import ai.motiv8.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the migration commands share: the environment they resolve {@code env} and S3 settings
 * from, the {@code --conf} and {@code --show} options, and one mapping of failures to exit codes
 * and log lines.
 */
abstract class CommandBase implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(CommandBase.class);

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Configuration overlay for 'env' locations, as for serve (env MOTIV8_CONF).")
  Path confFile;

  @Option(names = "--show", paramLabel = "N", defaultValue = "20",
      description = "Findings listed per table or prefix and kind; the rest are counted (default ${DEFAULT-VALUE}).")
  int show;

  /** The process environment; tests may set their own. */
  Map<String, String> environment = System.getenv();

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (IllegalArgumentException | ConfigException e) {
      log.error("{}", e.getMessage());
      return ExitCodes.USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("Interrupted");
      return ExitCodes.INTERRUPTED;
    } catch (Exception e) {
      log.error("Failed: {}", describe(e), e);
      return ExitCodes.FAILED;
    }
  }

  abstract int execute() throws Exception;

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (" + root.getMessage() + ")";
  }
}
