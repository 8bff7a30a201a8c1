package ai.motiv8.generation;

/** A generation stopped between steps because its {@link GenerationControl} cancelled it (timeout). */
public final class GenerationCancelledException extends GenerationException {

  private final int completedSteps;

  public GenerationCancelledException(int completedSteps, int steps) {
    super("Generation cancelled after " + completedSteps + " of " + steps + " steps");
    this.completedSteps = completedSteps;
  }

  /** Steps finished before the cancellation was seen. */
  public int completedSteps() {
    return completedSteps;
  }
}
