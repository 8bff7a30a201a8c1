package ai.motiv8.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Java process on this test JVM's class path (a motiv8 node of its own), whose output is
 * echoed with a prefix and kept for {@link #printed(String)}. Closing it kills it if still alive.
 */
final class ChildJvm implements AutoCloseable {

  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread reader = new Thread(this::echo, "child-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ChildJvm start(String name, Path workDir, Map<String, String> environment, String mainClass,
                        String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-Djava.awt.headless=true",
        "-Dhazelcast.phone.home.enabled=false",
        "-cp", System.getProperty("java.class.path"),
        mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new ChildJvm(name, builder.start());
  }

  boolean printed(String text) {
    return lines.stream().anyMatch(line -> line.contains(text));
  }

  /** The kernel's view of the process (state, signal masks), for failure messages. */
  String describe() {
    try {
      return name + " pid " + process.pid() + " alive=" + process.isAlive() + " "
          + java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
              .filter(line -> line.startsWith("State") || line.startsWith("Sig")).toList();
    } catch (IOException | RuntimeException e) {
      return name + " pid " + process.pid() + " alive=" + process.isAlive();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * SIGTERM: what {@code docker stop} and Kubernetes send. Through the process handle, which only
   * signals: {@code Process.destroy()} would also close the pipes and lose what it says while stopping.
   */
  void terminate() {
    process.toHandle().destroy();
  }

  /** SIGKILL: a crash, the process has no say. */
  void kill() {
    process.toHandle().destroyForcibly();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private void echo() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        System.out.println("[" + name + "] " + line);
      }
    } catch (IOException e) {
      System.out.println("[" + name + "] output closed: " + e.getMessage());
    }
  }
}
