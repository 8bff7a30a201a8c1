package ai.motiv8.migration;

/** Exit codes of the migration commands. */
final class ExitCodes {

  /** Done, and nothing differs. */
  static final int OK = 0;
  /** Done, but conflicts, differences or failed items were found (the log lists them). */
  static final int DIFFERENCES = 1;
  /** Bad arguments (picocli uses the same code for its own usage errors). */
  static final int USAGE = 2;
  /** Could not run: a database or storage could not be reached, a schema could not be migrated. */
  static final int FAILED = 3;
  /** Stopped by Ctrl-C before the end; run the same command again to continue. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {
  }
}
