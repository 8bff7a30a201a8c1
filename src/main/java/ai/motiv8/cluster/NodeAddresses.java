package ai.motiv8.cluster;

/**
 * Node-specific addresses of worker services: {@code motiv8.faces@<node id>} reaches the relay on
 * one worker node, so that a caller knows which node holds its request and can fail fast when that
 * node leaves (see {@link WorkerRouter}).
 */
public final class NodeAddresses {

  private static final char SEPARATOR = '@';

  private NodeAddresses() {
  }

  /** {@code address} on node {@code nodeId}. */
  public static String of(String address, String nodeId) {
    return address + SEPARATOR + nodeId;
  }

  /** The service address of a node-specific one ({@code motiv8.faces@abc} → {@code motiv8.faces}); others unchanged. */
  public static String serviceOf(String address) {
    if (address == null) {
      return null;
    }
    int at = address.indexOf(SEPARATOR);
    return at < 0 ? address : address.substring(0, at);
  }
}
