package ai.motiv8.common;

/** Event-bus addresses of every service contract, in one place. */
public final class Addresses {
  public static final String USERS = "motiv8.users";
  /** Published, cluster-wide, with the id of a user that changed ("*": any user). */
  public static final String USERS_CHANGED = "motiv8.users.changed";
  public static final String STORAGE = "motiv8.storage";
  public static final String FACES = "motiv8.faces";
  public static final String GENERATION = "motiv8.generation";
  public static final String MAIL = "motiv8.mail";
  public static final String DELIVERIES = "motiv8.deliveries";

  private Addresses() {
  }
}
