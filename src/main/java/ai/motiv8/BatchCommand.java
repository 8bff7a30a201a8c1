package ai.motiv8;

import ai.motiv8.batch.BatchOptions;
import ai.motiv8.batch.BatchSummary;
import ai.motiv8.batch.DailyBatch;
import ai.motiv8.common.Await;
import ai.motiv8.config.AppConfig;
import ai.motiv8.config.ConfigException;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code motiv8 batch run}: the daily batch, by hand (the service's scheduler runs the same code). */
@Command(name = "batch", mixinStandardHelpOptions = true, description = "The daily batch of motivation images.",
    subcommands = {BatchCommand.Run.class})
final class BatchCommand {

  private static final Logger log = LoggerFactory.getLogger(BatchCommand.class);

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Generate and mail the day's image to every user whose workout day it is. Safe to run again:"
          + " users already mailed are skipped, failed ones retried, and nobody is mailed twice for a day."
          + " Exit code 0 when every due user is done, 1 when some failed, 2 for a bad configuration.")
  static final class Run implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
        description = "Logical day (default: today in batch.schedule.zone).")
    LocalDate date;

    @Option(names = "--dry-run", description = "Only list who would be processed; change nothing.")
    boolean dryRun;

    @Option(names = "--concurrency", paramLabel = "N",
        description = "Users in flight at once (default: batch.concurrency).")
    Integer concurrency;

    @Option(names = "--limit", paramLabel = "N", description = "Take on at most N users not yet done (default: all).")
    Integer limit;

    @Option(names = "--resend", description = "With batch.emailFilter (BATCH_EMAIL_FILTER) only: users of the filter"
        + " already mailed that day get a new image and a new mail.")
    boolean resend;

    @Override
    public Integer call() throws Exception {
      AppConfig config;
      BatchOptions options;
      try {
        config = configOptions.load(Map.of());
        if (limit != null && limit < 1) {
          throw new IllegalArgumentException("--limit must be at least 1");
        }
        int inFlight = concurrency != null ? concurrency : config.batch().concurrency();
        if (resend && !config.batch().filtered()) {
          throw new IllegalArgumentException("--resend needs batch.emailFilter (BATCH_EMAIL_FILTER): it would mail"
              + " every due user again");
        }
        options = new BatchOptions(dryRun, inFlight, limit != null ? limit : 0, resend);
        if (inFlight > config.generation().maxConcurrency()) {
          // This process runs its own generation worker: let it take what the batch sends.
          config = configOptions.load(Map.of("generation.maxConcurrency", Integer.toString(inFlight)));
        }
      } catch (ConfigException | IllegalArgumentException e) {
        log.error("{}", e.getMessage());
        return 2;
      }
      LocalDate day = date != null ? date : LocalDate.now(Clock.system(config.batch().zone()));
      AppConfig started = config;
      Vertx vertx = Vertx.vertx();
      try {
        BatchSummary summary = Await.result(Application.deployWithoutHttp(vertx, started)
            .compose(app -> new DailyBatch(vertx, started.batch(), started.generation(), Clock.systemUTC())
                .run(day, options)));
        log.info("Batch {} {}", summary.ok() ? "done:" : "NOT done:", summary);
        return summary.ok() ? 0 : 1;
      } catch (Exception e) {
        log.error("Batch for {} stopped: {}", day, e.getMessage(), e);
        return 1;
      } finally {
        Await.result(vertx.close());
      }
    }
  }
}
