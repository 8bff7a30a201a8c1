package ai.motiv8;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;

/** The {@code motiv8} command line; {@code serve} is the default command. */
@Command(name = "motiv8", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Motivational images of you, on your workout days.",
    subcommands = {ServeCommand.class, ModelsCommand.class, BatchCommand.class, ai.motiv8.migration.MigrateCommand.class,
        ai.motiv8.migration.StorageCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (without exiting, for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(withDefaultCommand(args));
  }

  private static String[] withDefaultCommand(String[] args) {
    boolean startsWithOption = args.length == 0
        || args[0].startsWith("-") && !List.of("-h", "--help", "-V", "--version").contains(args[0]);
    if (!startsWithOption) {
      return args;
    }
    List<String> all = new ArrayList<>(List.of("serve"));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
