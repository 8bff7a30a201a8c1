package ai.motiv8.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A local stand-in for Apple's sign-in server, on a real HTTP port: OpenID Connect discovery, an
 * authorize endpoint that answers as Apple does with {@code response_mode=form_post} (an HTML form
 * holding {@code code} and {@code state}), a token endpoint that checks the client secret as Apple
 * does (an ES256 JWT signed with the team's key: signature, {@code kid}, {@code iss} = team,
 * {@code sub} = client, {@code aud} = issuer, unexpired) and answers an {@code id_token}, and a JWKS
 * with an RS256 key (like Apple's) and an ES256 key. Tests say how the next {@code id_token} is
 * made (audience, expiry, signing key) with {@link #nextIdToken}, and mint notification JWTs with
 * {@link #sign}. The team's key pair is made here; {@link #teamPrivateKeyPem()} is what
 * {@code APPLE_PRIVATE_KEY} gets.
 */
public final class AppleTestServer implements AutoCloseable {

  public static final String TEAM_ID = "TEAMID1234";
  public static final String KEY_ID = "KEYID56789";
  public static final String RSA_KID = "apple-rsa-1";
  public static final String EC_KID = "apple-ec-1";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Vertx vertx;
  private final String clientId;
  private final KeyPair team = generate("EC");
  private final KeyPair rsa = generate("RSA");
  private final KeyPair ec = generate("EC");
  /** Signs with the published kid but a key nobody published: a forged token. */
  private final KeyPair forger = generate("RSA");
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final List<JsonObject> tokenRequests = new ArrayList<>();
  private volatile IdTokenShape next = IdTokenShape.good();
  private HttpServer server;

  /** What the authorize endpoint was asked and who the person is. */
  private record Grant(String subject, String email, String nonce, String redirectUri) {
  }

  /**
   * How the next {@code id_token} is made: its claims are changed by {@code claims} (after the
   * defaults: iss, aud, sub, email, nonce, exp), and it is signed by {@code signer}.
   */
  public record IdTokenShape(UnaryOperator<JsonObject> claims, String signer) {

    public static IdTokenShape good() {
      return new IdTokenShape(c -> c, "rsa");
    }
  }

  private AppleTestServer(Vertx vertx, String clientId) {
    this.vertx = vertx;
    this.clientId = clientId;
  }

  public static Future<AppleTestServer> start(Vertx vertx, String clientId) {
    AppleTestServer apple = new AppleTestServer(vertx, clientId);
    Router router = Router.router(vertx);
    router.get("/.well-known/openid-configuration").handler(apple::discovery);
    router.get("/auth/authorize").handler(apple::authorize);
    router.post("/auth/token").handler(BodyHandler.create(false)).handler(apple::token);
    router.get("/auth/keys").handler(apple::keys);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(server -> {
      apple.server = server;
      return apple;
    });
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public String teamPrivateKeyPem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(team.getPrivate().getEncoded());
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /** The person the next authorization signs in. */
  private volatile String nextSubject = "apple-sub";
  private volatile String nextEmail = "person@privaterelay.example";

  public void nextPerson(String subject, String email) {
    this.nextSubject = subject;
    this.nextEmail = email;
  }

  public void nextIdToken(IdTokenShape shape) {
    this.next = shape;
  }

  /** Every form the token endpoint received, oldest first. */
  public synchronized List<JsonObject> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** A JWT as Apple signs them: {@code signer} {@code rsa}, {@code ec} or {@code forger}. */
  public String sign(JsonObject claims, String signer) {
    return switch (signer) {
      case "rsa" -> jwt("RS256", RSA_KID, claims, rsa.getPrivate(), "SHA256withRSA");
      case "ec" -> jwt("ES256", EC_KID, claims, ec.getPrivate(), "SHA256withECDSAinP1363Format");
      case "forger" -> jwt("RS256", RSA_KID, claims, forger.getPrivate(), "SHA256withRSA");
      default -> throw new IllegalArgumentException(signer);
    };
  }

  /** Claims Apple puts in tokens for this client, expiring in an hour. */
  public JsonObject baseClaims(String subject) {
    long now = System.currentTimeMillis() / 1000;
    return new JsonObject().put("iss", issuer()).put("aud", clientId).put("sub", subject)
        .put("iat", now).put("exp", now + 3600);
  }

  private void discovery(RoutingContext ctx) {
    ctx.json(new JsonObject()
        .put("issuer", issuer())
        .put("authorization_endpoint", issuer() + "/auth/authorize")
        .put("token_endpoint", issuer() + "/auth/token")
        .put("jwks_uri", issuer() + "/auth/keys")
        .put("response_modes_supported", new JsonArray().add("query").add("fragment").add("form_post")));
  }

  private void authorize(RoutingContext ctx) {
    var params = ctx.request().params();
    if (!clientId.equals(params.get("client_id")) || !"form_post".equals(params.get("response_mode"))
        || !"code".equals(params.get("response_type"))) {
      ctx.response().setStatusCode(400).end("invalid_request");
      return;
    }
    String code = "code-" + UUID.randomUUID();
    grants.put(code, new Grant(nextSubject, nextEmail, params.get("nonce"), params.get("redirect_uri")));
    ctx.response().putHeader("Content-Type", "text/html").end("<html><body onload=\"document.forms[0].submit()\">"
        + "<form method=\"POST\" action=\"" + params.get("redirect_uri") + "\">"
        + "<input type=\"hidden\" name=\"code\" value=\"" + code + "\"/>"
        + "<input type=\"hidden\" name=\"state\" value=\"" + params.get("state") + "\"/>"
        + "<input type=\"hidden\" name=\"scope\" value=\"" + params.get("scope") + "\"/>"
        + "</form></body></html>");
  }

  private void token(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    synchronized (this) {
      JsonObject seen = new JsonObject();
      form.forEach(entry -> seen.put(entry.getKey(), entry.getValue()));
      tokenRequests.add(seen);
    }
    if (!clientId.equals(form.get("client_id")) || !validClientSecret(form.get("client_secret"))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid_client").encode());
      return;
    }
    Grant grant = "authorization_code".equals(form.get("grant_type")) ? grants.get(form.get("code")) : null;
    if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid_grant").encode());
      return;
    }
    // Unlike Apple, a code can be exchanged twice here: our own replay protection is what is tested.
    JsonObject claims = baseClaims(grant.subject()).put("email", grant.email()).put("email_verified", "true")
        .put("is_private_email", "true").put("auth_time", System.currentTimeMillis() / 1000)
        .put("nonce_supported", true);
    if (grant.nonce() != null) {
      claims.put("nonce", grant.nonce());
    }
    IdTokenShape shape = next;
    String idToken = sign(shape.claims().apply(claims), shape.signer());
    ctx.json(new JsonObject().put("access_token", "at-" + UUID.randomUUID()).put("token_type", "Bearer")
        .put("expires_in", 3600).put("refresh_token", "rt-" + UUID.randomUUID()).put("id_token", idToken));
  }

  private boolean validClientSecret(String secret) {
    try {
      String[] parts = secret.split("\\.");
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(team.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      long now = System.currentTimeMillis() / 1000;
      return verifier.verify(Base64.getUrlDecoder().decode(parts[2]))
          && "ES256".equals(header.getString("alg")) && KEY_ID.equals(header.getString("kid"))
          && TEAM_ID.equals(claims.getString("iss")) && clientId.equals(claims.getString("sub"))
          && issuer().equals(claims.getString("aud"))
          && claims.getLong("iat") <= now + 5 && claims.getLong("exp") > now
          && claims.getLong("exp") - claims.getLong("iat") <= 15_777_000;
    } catch (RuntimeException | GeneralSecurityException e) {
      return false;
    }
  }

  private void keys(RoutingContext ctx) {
    RSAPublicKey rsaKey = (RSAPublicKey) rsa.getPublic();
    ECPublicKey ecKey = (ECPublicKey) ec.getPublic();
    ctx.json(new JsonObject().put("keys", new JsonArray()
        .add(new JsonObject().put("kty", "RSA").put("kid", RSA_KID).put("use", "sig").put("alg", "RS256")
            .put("n", unsigned(rsaKey.getModulus(), 0)).put("e", unsigned(rsaKey.getPublicExponent(), 0)))
        .add(new JsonObject().put("kty", "EC").put("kid", EC_KID).put("use", "sig").put("alg", "ES256")
            .put("crv", "P-256").put("x", unsigned(ecKey.getW().getAffineX(), 32))
            .put("y", unsigned(ecKey.getW().getAffineY(), 32)))));
  }

  private static String unsigned(BigInteger value, int length) {
    byte[] bytes = value.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    byte[] trimmed = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
    if (length > trimmed.length) {
      byte[] padded = new byte[length];
      System.arraycopy(trimmed, 0, padded, length - trimmed.length, trimmed.length);
      trimmed = padded;
    }
    return B64.encodeToString(trimmed);
  }

  private static String jwt(String alg, String kid, JsonObject claims, PrivateKey key, String algorithm) {
    String input = B64.encodeToString(new JsonObject().put("alg", alg).put("kid", kid).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String type) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (type.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
