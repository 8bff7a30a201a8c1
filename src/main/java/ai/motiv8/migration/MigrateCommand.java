package ai.motiv8.migration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code motiv8 migrate}: the database half of a move to PostgreSQL, and the check of the whole move. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Move a deployment's database (db) and check the move, database and storage (verify).",
    subcommands = {MigrateDbCommand.class, MigrateVerifyCommand.class})
public final class MigrateCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: migrate db or migrate verify");
  }
}
