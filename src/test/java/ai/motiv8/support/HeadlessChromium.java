package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol (CDP) on a
 * Vert.x WebSocket: no driver download, no extra dependency. Chromium is started with
 * {@code --remote-debugging-port=0} and a fresh profile; the port it picked is read from the
 * {@code DevToolsActivePort} file it writes there. Commands are JSON messages
 * {@code {"id", "method", "params", "sessionId"}}; answers carry the same id, events carry none.
 * Pages are attached in "flatten" mode, so one WebSocket serves the browser and every page.
 *
 * <p>The binary is {@code $CHROMIUM} when set, else the first of {@code chromium},
 * {@code chromium-browser}, {@code google-chrome} on the {@code PATH}. Without one, {@link #launch}
 * fails saying how to install it: the end-to-end test then fails, it is never skipped.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final List<String> BINARIES = List.of("chromium", "chromium-browser", "google-chrome");
  private static final long START_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final Process process;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<BiConsumer<String, JsonObject>> eventListeners = new ArrayList<>();

  private HeadlessChromium(Vertx vertx, Process process, WebSocketClient client, WebSocket socket) {
    this.vertx = vertx;
    this.process = process;
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(this::receive);
    socket.closeHandler(v -> pending.values().forEach(p -> p.tryFail("DevTools connection closed")));
  }

  /**
   * Starts Chromium with its profile (and its log, {@code chromium.log}) in {@code profile}, and
   * connects to it. Call from a test thread, not an event loop: starting the process blocks briefly.
   *
   * @param environment extra environment variables of the browser process (e.g. {@code TZ})
   */
  public static Future<HeadlessChromium> launch(Vertx vertx, Path profile, Map<String, String> environment) {
    Process process;
    try {
      Files.createDirectories(profile);
      ProcessBuilder builder = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--password-store=basic", "--use-mock-keychain", "--remote-debugging-address=127.0.0.1",
          "--remote-debugging-port=0", "--user-data-dir=" + profile.toAbsolutePath(), "about:blank")
          .redirectErrorStream(true)
          .redirectOutput(profile.resolve("chromium.log").toFile());
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      return Future.failedFuture(new IllegalStateException("Could not start " + binary() + ": " + e.getMessage(), e));
    }
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(64 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024));
    return activePort(vertx, process, profile.resolve("DevToolsActivePort"), System.currentTimeMillis())
        .compose(endpoint -> client.connect(new WebSocketConnectOptions()
            // Chromium refuses DevTools connections that send an Origin it was not told to allow.
            .setHost("127.0.0.1").setPort(endpoint.port()).setURI(endpoint.path()).setAllowOriginHeader(false)))
        .map(socket -> new HeadlessChromium(vertx, process, client, socket))
        .onFailure(error -> {
          client.close();
          stop(process);
        });
  }

  /** The executable: {@code $CHROMIUM}, else the first known name on the {@code PATH}. */
  public static String binary() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : BINARIES) {
      for (String folder : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(folder, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    throw new IllegalStateException("No Chromium found (" + String.join(", ", BINARIES) + " on PATH, or $CHROMIUM). "
        + "The end-to-end front-end test needs Debian's chromium: apt-get install -y chromium");
  }

  /** Opens a new tab on about:blank and attaches to it. */
  public Future<BrowserPage> newPage() {
    return send(null, "Target.createTarget", new JsonObject().put("url", "about:blank"))
        .compose(target -> send(null, "Target.attachToTarget", new JsonObject()
            .put("targetId", target.getString("targetId")).put("flatten", true)))
        .compose(attached -> BrowserPage.open(this, attached.getString("sessionId")));
  }

  /** Sends one command, to the browser ({@code sessionId} null) or to a page; the answer's {@code result}. */
  Future<JsonObject> send(String sessionId, String method, JsonObject params) {
    long id = ids.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    JsonObject message = new JsonObject().put("id", id).put("method", method).put("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    socket.writeTextMessage(message.encode()).onFailure(error -> {
      pending.remove(id);
      answer.tryFail(error);
    });
    return answer.future();
  }

  /** Calls {@code listener(sessionId, event)} for every event (a message with a method and no id). */
  void onEvent(BiConsumer<String, JsonObject> listener) {
    eventListeners.add(listener);
  }

  Vertx vertx() {
    return vertx;
  }

  private void receive(String text) {
    JsonObject message = new JsonObject(text);
    Long id = message.getLong("id");
    if (id == null) {
      eventListeners.forEach(listener -> listener.accept(message.getString("sessionId"), message));
      return;
    }
    Promise<JsonObject> answer = pending.remove(id);
    if (answer == null) {
      return;
    }
    JsonObject error = message.getJsonObject("error");
    if (error != null) {
      answer.fail(new IllegalStateException("DevTools error " + error.encode()));
    } else {
      answer.complete(message.getJsonObject("result", new JsonObject()));
    }
  }

  /** Asks the browser to quit, then ends the processes it started and it, by their ids. Blocks a few seconds at most. */
  @Override
  public void close() {
    try {
      send(null, "Browser.close", new JsonObject());
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      socket.close();
      client.close();
      stop(process);
    }
  }

  private static void stop(Process process) {
    List<ProcessHandle> family;
    try (Stream<ProcessHandle> descendants = process.descendants()) {
      family = new ArrayList<>(descendants.toList());
    }
    family.add(process.toHandle());
    family.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : family) {
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        handle.destroyForcibly();
      }
    }
  }

  private record Endpoint(int port, String path) {
  }

  /** Polls for the {@code DevToolsActivePort} file: the port on its first line, the browser's WebSocket path on its second. */
  private static Future<Endpoint> activePort(Vertx vertx, Process process, Path file, long since) {
    String name = file.toString();
    return vertx.fileSystem().exists(name)
        .compose(exists -> exists ? vertx.fileSystem().readFile(name).map(Buffer::toString) : Future.succeededFuture(""))
        .compose(text -> {
          String[] lines = text.split("\n");
          if (lines.length >= 2 && lines[1].trim().matches("/devtools/browser/[0-9a-f-]{36}")) {
            return Future.succeededFuture(new Endpoint(Integer.parseInt(lines[0].trim()), lines[1].trim()));
          }
          if (!process.isAlive()) {
            return Future.failedFuture(new IllegalStateException("Chromium exited with status " + process.exitValue()
                + " before opening its DevTools port; see " + file.resolveSibling("chromium.log")));
          }
          if (System.currentTimeMillis() - since > START_TIMEOUT_MS) {
            return Future.failedFuture(new IllegalStateException("Chromium did not open its DevTools port in "
                + START_TIMEOUT_MS + " ms; see " + file.resolveSibling("chromium.log")));
          }
          return vertx.timer(100).compose(v -> activePort(vertx, process, file, since));
        });
  }
}
