package ai.motiv8.migration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code motiv8 storage}: maintenance of the stored selfies, embeddings and images. */
@Command(name = "storage", mixinStandardHelpOptions = true,
    description = "Copy stored objects between local folders and S3 (sync).",
    subcommands = {StorageSyncCommand.class})
public final class StorageCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: storage sync");
  }
}
