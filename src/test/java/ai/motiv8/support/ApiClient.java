package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;

/** A WebClient pointed at a running test server, with the calls most tests make. */
public final class ApiClient {

  private final WebClient client;

  public ApiClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String uri, String token) {
    HttpRequest<Buffer> request = client.request(method, uri);
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }

  public Future<HttpResponse<Buffer>> get(String uri, String token) {
    return request(HttpMethod.GET, uri, token).send();
  }

  public Future<HttpResponse<Buffer>> put(String uri, String token, JsonObject body) {
    return request(HttpMethod.PUT, uri, token).sendJsonObject(body);
  }

  public Future<HttpResponse<Buffer>> post(String uri, String token, JsonObject body) {
    return request(HttpMethod.POST, uri, token).sendJsonObject(body);
  }

  /** {@code POST /api/upload} of {@code bytes} in the multipart field {@code file}. */
  public Future<HttpResponse<Buffer>> upload(String token, String clientName, byte[] bytes, String contentType) {
    return request(HttpMethod.POST, "/api/upload", token).sendMultipartForm(MultipartForm.create()
        .binaryFileUpload("file", clientName, Buffer.buffer(bytes), contentType));
  }

  /** Signs in with the development login; returns the access token. */
  public Future<String> devLogin(String email) {
    return post("/auth/dev-login", null, new JsonObject().put("email", email)).map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException("dev-login answered " + response.statusCode() + ": " + response.bodyAsString());
      }
      return response.bodyAsJsonObject().getString("access_token");
    });
  }

  public WebClient raw() {
    return client;
  }
}
