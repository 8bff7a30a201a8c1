package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One tab of {@link HeadlessChromium}, driven the way a person would use it: navigate, wait for
 * something to appear, click, choose a file. Conditions are JavaScript expressions evaluated in
 * the page ({@code Runtime.evaluate}) and polled, never fixed sleeps. The page's console errors
 * and uncaught exceptions are kept for failure messages.
 */
public final class BrowserPage {

  private static final long POLL_MS = 100;

  private final HeadlessChromium browser;
  private final String sessionId;
  private final List<String> problems = new CopyOnWriteArrayList<>();

  private BrowserPage(HeadlessChromium browser, String sessionId) {
    this.browser = browser;
    this.sessionId = sessionId;
  }

  static Future<BrowserPage> open(HeadlessChromium browser, String sessionId) {
    BrowserPage page = new BrowserPage(browser, sessionId);
    browser.onEvent((session, event) -> {
      if (sessionId.equals(session)) {
        page.note(event);
      }
    });
    return page.send("Runtime.enable", new JsonObject())
        .compose(v -> page.send("Page.enable", new JsonObject()))
        .map(page);
  }

  /** Console errors and uncaught exceptions seen so far, for assertion messages. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Loads {@code url} (the navigation's start; wait for what should appear with {@link #waitFor}). */
  public Future<Void> navigate(String url) {
    return send("Page.navigate", new JsonObject().put("url", url)).compose(result -> result.containsKey("errorText")
        ? Future.failedFuture(new IllegalStateException("Navigation to " + url + " failed: " + result.getString("errorText")))
        : Future.succeededFuture());
  }

  /** Reloads the page, as a person pressing F5 would (localStorage and sessionStorage stay). */
  public Future<Void> reload() {
    return send("Page.reload", new JsonObject()).mapEmpty();
  }

  /**
   * The value of a JavaScript expression (promises awaited), as JSON: a string, number, boolean,
   * {@link JsonObject}, {@link JsonArray} or null. A thrown exception fails the future.
   */
  public Future<Object> evaluate(String expression) {
    return send("Runtime.evaluate", new JsonObject()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true))
        .compose(result -> {
          JsonObject exception = result.getJsonObject("exceptionDetails");
          if (exception != null) {
            return Future.failedFuture(new IllegalStateException("`" + expression + "` threw "
                + exception.getJsonObject("exception", new JsonObject()).getString("description", exception.encode())));
          }
          return Future.succeededFuture(result.getJsonObject("result").getValue("value"));
        });
  }

  /** Polls {@code condition} until it is truthy; fails after {@code timeoutMs} naming it and what went wrong in the page. */
  public Future<Void> waitFor(String condition, long timeoutMs) {
    return pollUntil(condition, System.currentTimeMillis() + timeoutMs);
  }

  /** An evaluation that fails (e.g. while a navigation replaces the document) counts as "not yet". */
  private Future<Void> pollUntil(String condition, long deadline) {
    return evaluate("!!(" + condition + ")").otherwise(error -> error.getMessage()).compose(met -> {
      if (Boolean.TRUE.equals(met)) {
        return Future.succeededFuture();
      }
      if (System.currentTimeMillis() > deadline) {
        return Future.failedFuture(new AssertionError("Timed out waiting for `" + condition + "`"
            + (met instanceof String error ? " (last evaluation: " + error + ")" : "") + "; page problems: " + problems));
      }
      return browser.vertx().timer(POLL_MS).compose(v -> pollUntil(condition, deadline));
    });
  }

  /** Clicks the element {@code selector} finds (its {@code click()}: the same events a mouse click dispatches to handlers). */
  public Future<Void> click(String selector) {
    return evaluate("(() => { const el = document.querySelector(" + quote(selector) + ");"
        + " if (!el) throw new Error('nothing matches ' + " + quote(selector) + "); el.click(); return true; })()")
        .mapEmpty();
  }

  /** Types {@code text} into the input {@code selector} finds, firing {@code input} as typing does. */
  public Future<Void> type(String selector, String text) {
    return evaluate("(() => { const el = document.querySelector(" + quote(selector) + ");"
        + " el.value = " + quote(text) + "; el.dispatchEvent(new Event('input', {bubbles: true})); return true; })()")
        .mapEmpty();
  }

  /** Chooses {@code file} in the file input {@code selector} finds, as the file dialog would ({@code change} fires). */
  public Future<Void> chooseFile(String selector, Path file) {
    return send("Runtime.evaluate", new JsonObject().put("expression", "document.querySelector(" + quote(selector) + ")"))
        .compose(found -> {
          String objectId = found.getJsonObject("result").getString("objectId");
          if (objectId == null) {
            return Future.failedFuture(new IllegalStateException("No file input matches " + selector));
          }
          return send("DOM.setFileInputFiles", new JsonObject()
              .put("files", new JsonArray().add(file.toAbsolutePath().toString())).put("objectId", objectId));
        })
        .mapEmpty();
  }

  private Future<JsonObject> send(String method, JsonObject params) {
    return browser.send(sessionId, method, params);
  }

  private void note(JsonObject event) {
    JsonObject params = event.getJsonObject("params", new JsonObject());
    switch (event.getString("method", "")) {
      case "Runtime.exceptionThrown" -> problems.add("exception: " + params.getJsonObject("exceptionDetails").encode());
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.getString("type"))) {
          problems.add("console.error: " + params.getJsonArray("args").encode());
        }
      }
      default -> {
      }
    }
  }

  /** A JavaScript string literal (JSON's quoting is valid JavaScript). */
  private static String quote(String text) {
    return new JsonArray().add(text).encode().replaceAll("^\\[|]$", "");
  }
}
