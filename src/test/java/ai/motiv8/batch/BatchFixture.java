package ai.motiv8.batch;

import ai.motiv8.Application;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.support.TestSelfies;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Synthetic users for the batch tests. They all share one real selfie and embedding (the
 * astronaut, stored and embedded once by the real face worker), and get a deterministic mix of
 * workout days: user {@code i} has the test day set when {@code i % 7 == 0} (due) or
 * {@code i % 50 == 3} (no selfie: not due); {@code i % 7 == 1} has no days at all; the others have
 * random days other than the test day.
 */
final class BatchFixture {

  /** A Monday. */
  static final LocalDate MONDAY = LocalDate.of(2025, 1, 13);

  /** One synthetic user; {@code due} says whether the batch of the test day must mail them. */
  record Athlete(String id, String email, boolean due) {
  }

  record Population(List<Athlete> athletes) {

    List<Athlete> due() {
      return athletes.stream().filter(Athlete::due).toList();
    }

    Set<String> dueIds() {
      return due().stream().map(Athlete::id).collect(Collectors.toSet());
    }

    Set<String> dueEmails() {
      return due().stream().map(Athlete::email).collect(Collectors.toSet());
    }
  }

  private BatchFixture() {
  }

  /** SMTP to the GreenMail server, no STARTTLS. */
  static Map<String, String> smtp(GreenMailExtension mail) {
    return Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
        "SMTP_STARTTLS", "false", "FROM_EMAIL", "coach@motiv8.test");
  }

  /** The variables that point the app at {@code db} (PostgreSQL). */
  static Map<String, String> postgres(DatabaseConfig db) {
    return Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()), "DB_NAME", db.name(),
        "DB_USERNAME", db.username(), "DB_PASSWORD", db.password());
  }

  /** {@code count} users, due on {@code day}'s weekday as the class comment says. */
  static Future<Population> populate(Application app, int count, LocalDate day) {
    UserStore users = UserStore.createProxy(app.vertx());
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> emails = IntStream.range(0, count).mapToObj(i -> "athlete-" + i + "-" + run + "@motiv8.test").toList();
    return users.findOrCreateByEmail(emails.get(0))
        .compose(first -> TestSelfies.install(app, first.id(), "/photos/astronaut.png")
            .compose(selfie -> users.findById(first.id()).compose(withSelfie -> {
              List<Future<Athlete>> all = new ArrayList<>();
              for (int i = 0; i < count; i++) {
                all.add(athlete(users, i, emails.get(i), day.getDayOfWeek(), withSelfie));
              }
              return Future.all(all).map(done -> new Population(done.<Athlete>list()));
            })));
  }

  private static Future<Athlete> athlete(UserStore users, int i, String email, DayOfWeek day, User template) {
    boolean hasSelfie = i % 50 != 3;
    JsonObject days = workoutDays(i, day);
    boolean due = hasSelfie && days.getBoolean(DueUsers.dayKey(day));
    return users.findOrCreateByEmail(email)
        .compose(user -> users.updateWorkoutDays(user.id(), days))
        .compose(user -> hasSelfie
            ? users.replaceSelfie(user.id(), template.selfieFilename(), template.selfieEmbeddingFilename(),
                template.embeddingModel()).map(user)
            : Future.succeededFuture(user))
        .map(user -> new Athlete(user.id(), email, due));
  }

  private static JsonObject workoutDays(int i, DayOfWeek day) {
    JsonObject days = new JsonObject();
    Random random = new Random(i);
    for (DayOfWeek d : DayOfWeek.values()) {
      boolean set;
      if (d == day) {
        set = i % 7 == 0 || i % 50 == 3;
      } else {
        set = i % 7 != 1 && random.nextBoolean();
      }
      days.put(DueUsers.dayKey(d), set);
    }
    return days;
  }

  /** How many messages each recipient got. */
  static Map<String, Integer> mailsByRecipient(GreenMailExtension mail) {
    Map<String, Integer> counts = new HashMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      try {
        for (Address to : message.getAllRecipients()) {
          counts.merge(to.toString(), 1, Integer::sum);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return counts;
  }

  /** The test's rows of the day, by user id. */
  static Future<Map<String, DailyDelivery>> deliveries(Application app, LocalDate day) {
    return DeliveryStore.createProxy(app.vertx()).deliveries(day.toString()).map(rows -> rows.stream()
        .collect(Collectors.toMap(DailyDelivery::userId, row -> row)));
  }
}
