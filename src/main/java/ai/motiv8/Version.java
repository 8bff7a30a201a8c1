package ai.motiv8;

import picocli.CommandLine;

/** The version printed by {@code --version}: the jar's implementation version when packaged. */
public final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"motiv8 " + (version == null ? "development" : version)};
  }
}
