package ai.motiv8.batch;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig;
import ai.motiv8.generation.GenerationService;
import ai.motiv8.mail.MimeParts;
import ai.motiv8.persistence.TestQueries;
import ai.motiv8.support.ApiClient;
import ai.motiv8.support.TestClock;
import ai.motiv8.support.TestConfigs;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.UserStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail people can trust and their own day, on the real app (real face pack, poster engine) with a
 * real SMTP server (GreenMail) and a clock the test moves: the scheduler ticks every 15 minutes
 * from Thursday 2025-03-27 12:00Z to Monday 2025-03-31 12:00Z, across Europe's spring-forward
 * (Sunday 2025-03-30 01:00Z) and the midnights of six people in five zones. Subclasses choose the
 * database. ({@code @Timeout} is not inherited: subclasses carry it.)
 */
@ExtendWith(VertxExtension.class)
abstract class InboxContractTest {

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(
      new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  static final Instant START = Instant.parse("2025-03-27T12:00:00Z");
  static final Instant END = Instant.parse("2025-03-31T12:00:00Z");
  /** The UTC person unsubscribes here, through the link of their Sunday mail. */
  static final Instant UNSUBSCRIBE_AT = Instant.parse("2025-03-30T12:00:00Z");
  static final Duration TICK = Duration.ofMinutes(15);

  /** One person: zone and send time; every day but Saturday is a workout day. */
  record Person(String zone, String time) {
  }

  static final List<Person> PEOPLE = List.of(
      new Person("UTC", "07:00"),
      new Person("Europe/Paris", "07:00"),
      new Person("Europe/Paris", "02:30"),
      new Person("America/Los_Angeles", "07:00"),
      new Person("Asia/Kolkata", "00:00"),
      new Person("Pacific/Kiritimati", "23:45"));

  @TempDir
  Path dir;

  protected abstract Map<String, String> databaseEnvironment();

  private AppConfig config() {
    Map<String, String> env = new HashMap<>(BatchFixture.smtp(GREEN_MAIL));
    env.putAll(databaseEnvironment());
    return TestConfigs.local(dir, env);
  }

  private static JsonObject allButSaturday() {
    JsonObject days = new JsonObject();
    for (DayOfWeek day : DayOfWeek.values()) {
      days.put(DueUsers.dayKey(day), day != DayOfWeek.SATURDAY);
    }
    return days;
  }

  @Test
  @DisplayName("Preferences and subscription: defaults on /auth/me, zone and time validated, one-click and page"
      + " refuse forged tokens, re-subscribe")
  void preferencesAndSubscription(Vertx vertx, VertxTestContext ctx) {
    Application.deploy(vertx, config()).compose(app -> {
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return api.devLogin("prefs-" + UUID.randomUUID() + "@motiv8.test").compose(token -> api.get("/auth/me", token)
          .compose(me -> {
            ctx.verify(() -> {
              assertThat(me.bodyAsJsonObject().getString("time_zone")).isEqualTo("UTC");
              assertThat(me.bodyAsJsonObject().getString("send_time")).isEqualTo("07:00");
              assertThat(me.bodyAsJsonObject().getBoolean("email_opt_out")).isFalse();
            });
            return api.put("/api/preferences", token, new JsonObject().put("time_zone", "Asia/Kolkata"));
          })
          .compose(zone -> {
            ctx.verify(() -> {
              assertThat(zone.statusCode()).as(zone.bodyAsString()).isEqualTo(200);
              assertThat(zone.bodyAsJsonObject().getString("time_zone")).isEqualTo("Asia/Kolkata");
              assertThat(zone.bodyAsJsonObject().getString("send_time")).isEqualTo("07:00");
            });
            return api.put("/api/preferences", token, new JsonObject().put("send_time", "06:15"));
          })
          .compose(time -> {
            ctx.verify(() -> {
              assertThat(time.bodyAsJsonObject().getString("time_zone")).isEqualTo("Asia/Kolkata");
              assertThat(time.bodyAsJsonObject().getString("send_time")).isEqualTo("06:15");
            });
            return Future.all(List.of(
                api.put("/api/preferences", token, new JsonObject().put("send_time", "25:00")),
                api.put("/api/preferences", token, new JsonObject().put("time_zone", "Mars/Olympus")),
                api.put("/api/preferences", token, new JsonObject()),
                api.put("/api/preferences", token, new JsonObject().put("time_zone", 5)),
                api.put("/api/email-preferences", token, new JsonObject().put("email_opt_out", "yes")),
                api.get("/api/unsubscribe?token=v1.Zm9v.motivation.AAAA", null),
                api.request(HttpMethod.POST, "/api/unsubscribe?token=forged", null)
                    .sendBuffer(Buffer.buffer("List-Unsubscribe=One-Click")),
                api.put("/api/preferences", null, new JsonObject().put("send_time", "06:00"))));
          })
          .compose(refused -> {
            ctx.verify(() -> {
              List<HttpResponse<Buffer>> answers = refused.list();
              for (int i = 0; i < 7; i++) {
                assertThat(answers.get(i).statusCode()).as(answers.get(i).bodyAsString()).isEqualTo(400);
                assertThat(answers.get(i).bodyAsJsonObject().getString("detail")).isNotBlank();
              }
              assertThat(answers.get(7).statusCode()).isEqualTo(401);
            });
            return api.put("/api/email-preferences", token, new JsonObject().put("email_opt_out", true));
          })
          .compose(out -> {
            ctx.verify(() -> assertThat(out.bodyAsJsonObject().getBoolean("email_opt_out")).isTrue());
            return api.put("/api/email-preferences", token, new JsonObject().put("email_opt_out", false));
          })
          .map(in -> {
            ctx.verify(() -> assertThat(in.bodyAsJsonObject().getBoolean("email_opt_out")).isFalse());
            return in;
          }));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("Six people in five zones across a DST switch and midnights: one mail per local workout day, at"
      + " their local send time; none on Saturday; none after one-click unsubscribe; operator run agrees")
  void ownDayAcrossZones(Vertx vertx, VertxTestContext ctx) {
    TestClock clock = new TestClock(START);
    AppConfig config = config();
    Application.deploy(vertx, config, null, clock).compose(app -> people(app).compose(ids -> {
      ScheduledSends sends = new ScheduledSends(app.vertx(), app.config().batch(),
          GenerationService.createProxy(app.vertx(), app.config().generation()), clock);
      ApiClient api = new ApiClient(vertx, app.httpPort());
      return ticks(sends, clock, api, ids.get(0))
          .compose(v -> app.vertx().executeBlocking(() -> {
            Map<String, Long> mailedAt = new HashMap<>();
            for (int i = 1; i <= 2; i++) {
              for (String date : List.of("2025-03-28", "2025-03-30", "2025-03-31")) {
                mailedAt.put(i + "/" + date, TestQueries.count(config.database(), "SELECT updated_at_millis FROM"
                    + " daily_deliveries WHERE state = 'mailed' AND user_id = '" + ids.get(i) + "' AND generation_date"
                    + " = '" + date + "'"));
              }
            }
            return mailedAt;
          }))
          .compose(mailedAt -> {
            ctx.verify(() -> {
              assertThat(keysOfMails()).containsExactlyInAnyOrderElementsOf(expectedKeys(ids));
              // 07:00 Paris: 06:00Z before the switch, 05:00Z after; 02:30 does not exist on the 30th: 03:00 local.
              assertThat(mailedAt.get("1/2025-03-28")).isEqualTo(Instant.parse("2025-03-28T06:00:00Z").toEpochMilli());
              assertThat(mailedAt.get("1/2025-03-30")).isEqualTo(Instant.parse("2025-03-30T05:00:00Z").toEpochMilli());
              assertThat(mailedAt.get("1/2025-03-31")).isEqualTo(Instant.parse("2025-03-31T05:00:00Z").toEpochMilli());
              assertThat(mailedAt.get("2/2025-03-28")).isEqualTo(Instant.parse("2025-03-28T01:30:00Z").toEpochMilli());
              assertThat(mailedAt.get("2/2025-03-30")).isEqualTo(Instant.parse("2025-03-30T01:00:00Z").toEpochMilli());
              assertThat(mailedAt.get("2/2025-03-31")).isEqualTo(Instant.parse("2025-03-31T00:30:00Z").toEpochMilli());
            });
            int before = GREEN_MAIL.getReceivedMessages().length;
            // The operator's run of Monday: LA's Monday is still ahead (14:00Z), the UTC person unsubscribed.
            return new DailyBatch(app.vertx(), app.config().batch(), app.config().generation(), clock)
                .run(LocalDate.of(2025, 3, 31), BatchOptions.all(2))
                .compose(summary -> {
                  ctx.verify(() -> {
                    assertThat(summary.optedOut()).isEqualTo(1);
                    assertThat(summary.mailed()).isEqualTo(1);
                    assertThat(summary.skipped()).isEqualTo(4);
                    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(before + 1);
                  });
                  clock.set(Instant.parse("2025-03-31T14:00:00Z"));
                  return sends.tick();
                })
                .map(tick -> {
                  ctx.verify(() -> {
                    assertThat(tick.due()).isEqualTo(1);
                    assertThat(tick.skipped()).as("LA's Monday was done by the operator's run").isEqualTo(1);
                    assertThat(tick.mailed()).isZero();
                    assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(before + 1);
                  });
                  return tick;
                });
          });
    })).onComplete(ctx.succeedingThenComplete());
  }

  /** The six people, with one real selfie shared, their zone and time, every day but Saturday; their ids. */
  private static Future<List<String>> people(Application app) {
    UserStore users = UserStore.createProxy(app.vertx());
    String run = UUID.randomUUID().toString().substring(0, 8);
    return users.findOrCreateByEmail("person-0-" + run + "@motiv8.test").compose(first ->
        TestSelfies.install(app, first.id(), "/photos/astronaut.png").compose(selfie -> users.findById(first.id()))
            .compose(template -> {
          Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
          for (int i = 0; i < PEOPLE.size(); i++) {
            Person person = PEOPLE.get(i);
            String email = "person-" + i + "-" + run + "@motiv8.test";
            chain = chain.compose(ids -> users.findOrCreateByEmail(email)
                .compose(user -> users.replaceSelfie(user.id(), template.selfieFilename(),
                    template.selfieEmbeddingFilename(), template.embeddingModel()).map(user))
                .compose(user -> users.updateWorkoutDays(user.id(), allButSaturday()))
                .compose(user -> users.updatePreferences(user.id(), person.zone(), person.time()))
                .map(user -> {
                  ids.add(user.id());
                  return ids;
                }));
          }
          return chain;
        }));
  }

  /** Ticks from START to END; at UNSUBSCRIBE_AT the UTC person uses the one-click link of their last mail. */
  private static Future<Void> ticks(ScheduledSends sends, TestClock clock, ApiClient api, String utcPerson) {
    if (!clock.instant().isBefore(END)) {
      return Future.succeededFuture();
    }
    Future<Void> before = clock.instant().equals(UNSUBSCRIBE_AT) ? unsubscribe(api, utcPerson)
        : Future.succeededFuture();
    return before.compose(v -> sends.tick()).compose(summary -> {
      clock.advance(TICK);
      return ticks(sends, clock, api, utcPerson);
    });
  }

  /** Checks the trusted headers of the person's Sunday mail, then follows its links: the page and the one-click. */
  private static Future<Void> unsubscribe(ApiClient api, String userId) {
    List<MimeMessage> mails = mailsOf(userId);
    MimeMessage mail = mails.get(mails.size() - 1);
    String link;
    try {
      link = MimeParts.assertTrustedMail(mail, "motiv8.test", userId, "2025-03-30");
    } catch (MessagingException | java.io.IOException e) {
      return Future.failedFuture(e);
    }
    URI uri = URI.create(link);
    String pathAndQuery = uri.getRawPath() + "?" + uri.getRawQuery();
    return api.get(pathAndQuery, null).compose(page -> {
      assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      return api.request(HttpMethod.POST, pathAndQuery, null)
          .putHeader("Content-Type", "application/x-www-form-urlencoded")
          .sendBuffer(Buffer.buffer("List-Unsubscribe=One-Click"));
    }).map(oneClick -> {
      assertThat(oneClick.statusCode()).as(oneClick.bodyAsString()).isEqualTo(200);
      assertThat(oneClick.bodyAsJsonObject().getBoolean("email_opt_out")).isTrue();
      return null;
    });
  }

  private static List<MimeMessage> mailsOf(String userId) {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
      String key = idempotencyKey(message);
      if (key.endsWith("/" + userId)) {
        mails.add(message);
      }
    }
    return mails;
  }

  private static String idempotencyKey(MimeMessage message) {
    try {
      String[] key = message.getHeader("X-Motiv8-Idempotency-Key");
      return key == null ? "" : key[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> keysOfMails() {
    List<String> keys = new ArrayList<>();
    for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
      keys.add(idempotencyKey(message));
    }
    return keys;
  }

  /**
   * Every (person, local date) whose send instant lies in the ticked span and is not a Saturday;
   * the UTC person none after unsubscribing. Instants from {@code ZonedDateTime} (which moves a
   * skipped time by the gap's length: 02:30 would be 03:30, but both fall between the same ticks'
   * day, so the set of keys is the same).
   */
  private static List<String> expectedKeys(List<String> ids) {
    List<String> keys = new ArrayList<>();
    Instant lastTick = END.minus(TICK);
    for (int i = 0; i < PEOPLE.size(); i++) {
      Person person = PEOPLE.get(i);
      ZoneId zone = ZoneId.of(person.zone());
      for (LocalDate date = LocalDate.of(2025, 3, 26); date.isBefore(LocalDate.of(2025, 4, 2));
           date = date.plusDays(1)) {
        Instant at = date.atTime(LocalTime.parse(person.time())).atZone(zone).toInstant();
        boolean inSpan = !at.isBefore(START) && !at.isAfter(lastTick);
        boolean unsubscribed = i == 0 && !at.isBefore(UNSUBSCRIBE_AT);
        if (inSpan && !unsubscribed && date.getDayOfWeek() != DayOfWeek.SATURDAY) {
          keys.add("motivation/" + date + "/" + ids.get(i));
        }
      }
    }
    return keys;
  }
}
