package ai.motiv8.http;

import ai.motiv8.Application;
import ai.motiv8.support.BrowserPage;
import ai.motiv8.support.HeadlessChromium;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The original React front end's journey in a real headless Chromium against the real service
 * (SQLite, local files, the default face pack, the poster engine): sign in, upload a selfie,
 * tick workout days, choose a mode, see the daily motivation, generate, come back and see it.
 * The page ({@code src/test/resources/frontend}) makes motiv8-fe's calls in its order with its
 * headers and bodies (docs/frontend-calls.md) and is served from another origin (its own port),
 * so every call with {@code Authorization} or a JSON body goes through a CORS preflight as it
 * does from the app on :5173.
 *
 * <p>Needs Debian's {@code chromium} ({@code apt-get install -y chromium}; {@code .ci/run}
 * installs it when missing). Without it the test fails saying so; it is never skipped.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 180, timeUnit = TimeUnit.SECONDS)
class FrontendEndToEndTest {

  private static final long STEP_MS = 60_000;

  @TempDir
  static Path dir;

  static Application app;
  static HttpServer site;
  static HeadlessChromium browser;
  static BrowserPage page;
  static Path photo;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) throws IOException {
    photo = dir.resolve("my selfie.jpg");
    Files.write(photo, TestSelfies.resource("/photos/astronaut-q95.jpg"));
    // The app asks for "today" in the browser's time zone; the service records an on-demand image
    // for today in UTC. The browser runs in UTC so both name the same day (docs/frontend-calls.md).
    Future<HeadlessChromium> chromium = HeadlessChromium.launch(vertx, dir.resolve("chromium"), Map.of("TZ", "UTC"));
    Application.deploy(vertx, TestConfigs.local(dir))
        .compose(started -> {
          app = started;
          return staticSite(vertx, started.httpPort());
        })
        .compose(listening -> {
          site = listening;
          return chromium;
        })
        .compose(started -> {
          browser = started;
          return started.newPage();
        })
        .onComplete(ctx.succeeding(opened -> {
          page = opened;
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  /** The page on its own origin; {@code /config.js} points it at the service, as VITE_API_BASE_URL does. */
  private static Future<HttpServer> staticSite(Vertx vertx, int apiPort) {
    Router router = Router.router(vertx);
    router.get("/config.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript")
        .end("window.API_BASE_URL = 'http://127.0.0.1:" + apiPort + "';\n"));
    router.route().handler(StaticHandler.create("frontend").setCachingEnabled(false));
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1");
  }

  @Test
  @DisplayName("The front end's journey in Chromium: sign in, upload, workout days, mode, generate, daily motivation")
  void frontEndJourney(VertxTestContext ctx) {
    String email = "browser-" + UUID.randomUUID() + "@example.org";
    String origin = "http://127.0.0.1:" + site.actualPort();
    page.navigate(origin + "/index.html")
        // Login screen; the development login ends like Google's: back at the page with ?token=.
        .compose(v -> page.waitFor("document.querySelector('#dev-login')", STEP_MS))
        .compose(v -> page.type("#dev-email", email))
        .compose(v -> page.click("#dev-login"))
        // Onboarding step 1: the file input of ImageUpload.
        .compose(v -> page.waitFor("document.querySelector('#file-input') && window.pending === 0", STEP_MS))
        .compose(v -> page.evaluate("document.querySelector('#user-email').textContent"))
        .compose(shownEmail -> {
          ctx.verify(() -> assertThat(shownEmail).as("e-mail in the header after /auth/me").isEqualTo(email));
          return page.chooseFile("#file-input", photo);
        })
        // Onboarding step 2: tick Monday, then Wednesday (one PUT each, with all seven days), pick a mode.
        .compose(v -> page.waitFor("document.querySelector('#lets-go') && window.pending === 0", STEP_MS))
        .compose(v -> page.click("input[data-day=monday]"))
        .compose(v -> page.waitFor("window.pending === 0 && !document.querySelector('input[data-day=wednesday]').disabled",
            STEP_MS))
        .compose(v -> page.click("input[data-day=wednesday]"))
        .compose(v -> page.waitFor("window.pending === 0 && !document.querySelector('input[data-day=wednesday]').disabled",
            STEP_MS))
        .compose(v -> page.click(".mode-button"))
        .compose(v -> page.click(".mode-option[data-mode=toned]"))
        .compose(v -> page.waitFor("window.pending === 0 && document.querySelector('.mode-button')"
            + " && !document.querySelector('.mode-button').disabled", STEP_MS))
        // Home: no image yet today ("Rest up"), the selfie shown through ?token=, then generate.
        .compose(v -> page.click("#lets-go"))
        .compose(v -> page.waitFor("window.pending === 0 && document.querySelector('#rest')"
            + " && document.querySelector('#generate')", STEP_MS))
        .compose(v -> page.click("#generate"))
        .compose(v -> page.waitFor("window.pending === 0 && (document.querySelector('#generated-image')"
            + " || document.querySelector('#generate-message').textContent)", STEP_MS))
        .compose(v -> page.evaluate(snapshot()))
        .compose(beforeReload -> {
          ctx.verify(() -> {
            JsonObject dom = (JsonObject) beforeReload;
            assertThat(dom.getString("generateError")).as("generate error").isEmpty();
            assertThat(dom.getInteger("selfieWidth")).as("selfie naturalWidth").isPositive();
            assertThat(dom.getInteger("generatedWidth")).as("generated image naturalWidth").isPositive();
          });
          // Coming back later: token from localStorage, /auth/me, and today's image on the home screen.
          return page.reload();
        })
        .compose(v -> page.waitFor("window.pending === 0 && document.querySelector('#daily-image')"
            + " && document.querySelector('#selfie')", STEP_MS))
        .compose(v -> page.evaluate(snapshot()))
        .onComplete(ctx.succeeding(afterReload -> ctx.verify(() -> {
          JsonObject dom = (JsonObject) afterReload;
          assertThat(dom.getString("email")).isEqualTo(email);
          assertThat(dom.getInteger("selfieWidth")).as("selfie naturalWidth").isPositive();
          assertThat(dom.getInteger("dailyWidth")).as("daily motivation naturalWidth").isPositive();
          assertThat(dom.getJsonArray("checkedDays").getList()).containsExactly("monday", "wednesday");
          assertThat(dom.getString("mode")).isEqualTo("toned");
          assertThat(page.problems()).as("console errors and exceptions").isEmpty();
          assertCalls(dom.getJsonArray("calls"), email);
          ctx.completeNow();
        })));
  }

  /** What the page shows, and the calls it made, as one JSON object. */
  private static String snapshot() {
    return "(() => { const width = id => { const img = document.getElementById(id);"
        + " return img && img.complete ? img.naturalWidth : 0; };"
        + " const mode = document.querySelector('.mode-button');"
        + " return { email: document.querySelector('#user-email').textContent,"
        + " selfieWidth: width('selfie'), generatedWidth: width('generated-image'), dailyWidth: width('daily-image'),"
        + " generateError: (document.querySelector('#generate-message') || {}).textContent || '',"
        + " mode: mode ? mode.dataset.current : null,"
        + " checkedDays: [...document.querySelectorAll('input[data-day]')].filter(b => b.checked).map(b => b.dataset.day),"
        + " calls: JSON.parse(sessionStorage.getItem('calls')) }; })()";
  }

  /**
   * The HTTP calls in the order the page made them, with their bodies and statuses, are those of
   * docs/frontend-calls.md; every image loaded. File names and the date are shown as placeholders.
   */
  private static void assertCalls(JsonArray calls, String email) {
    List<JsonObject> all = calls.stream().map(JsonObject.class::cast).toList();
    List<String> http = all.stream().filter(call -> !"IMG".equals(call.getString("method")))
        .map(FrontendEndToEndTest::describe).toList();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonObject generateBody = new JsonObject().put("num_inference_steps", 30).put("guidance_scale", 7.5)
        .put("scale", 0.8).put("seed", 0);
    assertThat(http).containsExactly(
        line("POST /auth/dev-login", new JsonObject().put("email", email), 200),
        line("GET /auth/me", null, 200),
        line("GET /api/config", null, 200),
        line("POST /api/upload", "multipart/form-data: file", 200),
        line("PUT /api/workout-days", new JsonObject().put("workout_days", week("monday")), 200),
        line("PUT /api/workout-days", new JsonObject().put("workout_days", week("monday", "wednesday")), 200),
        line("PUT /api/mode", new JsonObject().put("mode", "toned"), 200),
        line("GET /api/daily-motivation?date_str=" + today, null, 404),
        line("GET /api/config", null, 200),
        line("POST /api/generate", generateBody, 200),
        line("GET /auth/me", null, 200),
        line("GET /api/daily-motivation?date_str=" + today, null, 200),
        line("GET /api/config", null, 200));
    List<String> images = all.stream().filter(call -> "IMG".equals(call.getString("method")))
        .map(FrontendEndToEndTest::describe).toList();
    assertThat(images).containsExactly(
        line("IMG /api/selfie/{f}?token=...", null, "load"),
        line("IMG /api/generated/{f}", null, "load"),
        line("IMG /api/selfie/{f}?token=...", null, "load"),
        line("IMG /api/generated/{f}?token=...", null, "load"));
  }

  private static String describe(JsonObject call) {
    String path = call.getString("path").replaceAll("/api/(selfie|generated)/[^?]+", "/api/$1/{f}");
    return line(call.getString("method") + " " + path, call.getValue("body"), call.getValue("status"));
  }

  /** One call as text: method and path, the body with its keys sorted (any seed shown as {seed}), the outcome. */
  private static String line(String request, Object body, Object status) {
    String shownBody = body == null ? "" : " " + String.valueOf(body instanceof JsonObject json ? sorted(json).encode() : body)
        .replaceAll("\"seed\":\\d+", "\"seed\":{seed}");
    return request + shownBody + " -> " + status;
  }

  private static JsonObject sorted(JsonObject json) {
    JsonObject copy = new JsonObject();
    json.fieldNames().stream().sorted().forEach(name -> {
      Object value = json.getValue(name);
      copy.put(name, value instanceof JsonObject nested ? sorted(nested) : value);
    });
    return copy;
  }

  private static JsonObject week(String... ticked) {
    JsonObject days = new JsonObject();
    for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
      days.put(day, List.of(ticked).contains(day));
    }
    return days;
  }
}
