package ai.motiv8.persistence;

import ai.motiv8.common.ServiceErrors;
import ai.motiv8.config.AppConfig.DatabaseConfig;
import ai.motiv8.storage.ImageVariant;
import ai.motiv8.users.GeneratedImage;
import ai.motiv8.users.User;
import ai.motiv8.users.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.templates.SqlTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link UserStore} contract, called through the event-bus proxy of a deployed
 * {@link PersistenceVerticle}. Subclasses choose the database; each test gets a fresh one.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class UserStoreContractTest {

  private static final String ISO_WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00";

  private DatabaseConfig database;
  private UserStore store;

  /** A new, empty database; called on the test thread. */
  protected abstract DatabaseConfig newDatabase();

  @BeforeEach
  void deployPersistence(Vertx vertx, VertxTestContext testContext) {
    database = newDatabase();
    store = UserStore.createProxy(vertx);
    vertx.deployVerticle(new PersistenceVerticle(database)).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("A first login creates a user with a UUID, no selfie, no workout days and a UTC time stamp")
  void firstLoginCreatesUser(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com").onComplete(testContext.succeeding(user -> testContext.verify(() -> {
      assertThat(UUID.fromString(user.id()).toString()).isEqualTo(user.id());
      assertThat(user.email()).isEqualTo("ada@example.com");
      assertThat(user.googleId()).isNull();
      assertThat(user.hasSelfie()).isFalse();
      assertThat(user.embeddingModel()).isNull();
      assertThat(user.workoutDays()).isEqualTo(User.normalizeDays(null));
      assertThat(user.createdAt()).matches(ISO_WITH_OFFSET);
      assertThat(Duration.between(OffsetDateTime.parse(user.createdAt()), OffsetDateTime.now()).abs())
          .isLessThan(Duration.ofMinutes(2));
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("A known user is found again by e-mail and by id, and unknown ones come back as null")
  void findsExistingUsers(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(created -> store.findOrCreateByEmail("ada@example.com")
            .compose(again -> store.findById(created.id())
                .compose(byId -> store.findByEmail("ada@example.com")
                    .compose(byEmail -> store.findById(UUID.randomUUID().toString())
                        .compose(unknownId -> store.findByEmail("nobody@example.com")
                            .map(unknownEmail -> {
                              testContext.verify(() -> {
                                assertThat(again.id()).isEqualTo(created.id());
                                assertThat(byId.toJson()).isEqualTo(created.toJson());
                                assertThat(byEmail.toJson()).isEqualTo(created.toJson());
                                assertThat(unknownId).isNull();
                                assertThat(unknownEmail).isNull();
                              });
                              return null;
                            }))))))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("Google sign-in creates a linked user, then finds it by subject whatever the e-mail")
  void googleSignInCreatesLinkedUser(VertxTestContext testContext) {
    store.signInWithGoogle("google-1", "ada@example.com", null)
        .compose(created -> store.signInWithGoogle("google-1", "ada.new@example.com", null)
            .onComplete(testContext.succeeding(again -> testContext.verify(() -> {
              assertThat(created.googleId()).isEqualTo("google-1");
              assertThat(created.email()).isEqualTo("ada@example.com");
              assertThat(again.id()).isEqualTo(created.id());
              testContext.completeNow();
            }))));
  }

  @Test
  @DisplayName("Google sign-in stores the account's name once known and never overwrites it")
  void googleSignInKeepsTheName(VertxTestContext testContext) {
    store.signInWithGoogle("google-n", "grace@example.com", null)
        .compose(nameless -> store.signInWithGoogle("google-n", "grace@example.com", "  Grace Hopper ")
            .compose(named -> store.signInWithGoogle("google-n", "grace@example.com", "Someone Else")
                .compose(again -> store.findById(named.id())
                    .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
                      assertThat(nameless.name()).isNull();
                      assertThat(named.name()).isEqualTo("Grace Hopper");
                      assertThat(again.name()).isEqualTo("Grace Hopper");
                      assertThat(stored.name()).isEqualTo("Grace Hopper");
                      testContext.completeNow();
                    }))))));
  }

  @Test
  @DisplayName("Google sign-in links an existing e-mail user to the subject")
  void googleSignInLinksByEmail(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(existing -> store.signInWithGoogle("google-1", "ada@example.com", null)
            .compose(signedIn -> store.findById(existing.id())
                .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
                  assertThat(signedIn.id()).isEqualTo(existing.id());
                  assertThat(signedIn.googleId()).isEqualTo("google-1");
                  assertThat(stored.googleId()).isEqualTo("google-1");
                  testContext.completeNow();
                })))));
  }

  @Test
  @DisplayName("Google sign-in with the e-mail of a user linked to another subject keeps that link, as the Python service did")
  void googleSignInKeepsExistingLink(VertxTestContext testContext) {
    store.signInWithGoogle("google-1", "ada@example.com", null)
        .compose(first -> store.signInWithGoogle("google-2", "ada@example.com", null)
            .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
              assertThat(second.id()).isEqualTo(first.id());
              assertThat(second.googleId()).isEqualTo("google-1");
              testContext.completeNow();
            }))));
  }

  @Test
  @DisplayName("Concurrent first logins of one e-mail, plain or with Google, end with one user")
  void concurrentFirstLoginsConverge(VertxTestContext testContext) {
    List<Future<User>> logins = new ArrayList<>();
    IntStream.range(0, 20).forEach(i -> logins.add(i % 2 == 0
        ? store.findOrCreateByEmail("ada@example.com")
        : store.signInWithGoogle("google-1", "ada@example.com", null)));
    Future.all(logins).onComplete(testContext.succeeding(all -> testContext.verify(() -> {
      Set<String> ids = new HashSet<>();
      logins.forEach(login -> ids.add(login.result().id()));
      assertThat(ids).hasSize(1);
      testContext.completeNow();
    })));
  }

  @Test
  @DisplayName("Workout days are stored as all seven days, false unless set")
  void workoutDaysAreNormalized(VertxTestContext testContext) {
    JsonObject days = new JsonObject().put("monday", true).put("friday", true).put("funday", true);
    store.findOrCreateByEmail("ada@example.com")
        .compose(user -> store.updateWorkoutDays(user.id(), days)
            .compose(updated -> store.findById(user.id())
                .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
                  JsonObject expected = User.normalizeDays(new JsonObject().put("monday", true).put("friday", true));
                  assertThat(updated.workoutDays()).isEqualTo(expected);
                  assertThat(stored.workoutDays()).isEqualTo(expected);
                  assertThat(stored.workoutDays().fieldNames()).containsExactlyInAnyOrderElementsOf(User.DAYS);
                  testContext.completeNow();
                })))));
  }

  @Test
  @DisplayName("Updating the workout days of an unknown user fails with 404")
  void workoutDaysOfUnknownUser(VertxTestContext testContext) {
    store.updateWorkoutDays(UUID.randomUUID().toString(), new JsonObject().put("monday", true))
        .onComplete(testContext.failing(error -> testContext.verify(() -> {
          assertFailureCode(error, UserStore.NOT_FOUND);
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("Each change of a setting returns the user as stored; a preference left out keeps its value")
  void settingsChangesReturnTheStoredUser(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(user -> store.updatePreferences(user.id(), "Europe/Paris", "08:30")
            .compose(set -> sameAsStored(set).map(set))
            .compose(set -> store.updatePreferences(user.id(), null, "09:15"))
            .compose(moved -> sameAsStored(moved).map(moved))
            .compose(moved -> {
              testContext.verify(() -> {
                assertThat(moved.timeZone()).isEqualTo("Europe/Paris");
                assertThat(moved.sendTime()).isEqualTo("09:15");
                assertThat(moved.updatedAt()).matches(ISO_WITH_OFFSET);
              });
              return store.updateMode(user.id(), "toned");
            })
            .compose(this::sameAsStored)
            .compose(toned -> store.updateAntiMotivationMode(user.id(), true))
            .compose(this::sameAsStored)
            .compose(anti -> store.setEmailOptOut(user.id(), true))
            .compose(this::sameAsStored)
            .compose(optedOut -> store.updateWorkoutDays(user.id(), new JsonObject().put("sunday", true)))
            .compose(this::sameAsStored))
        .onComplete(testContext.succeeding(last -> testContext.verify(() -> {
          assertThat(last.storedMode()).isEqualTo("toned");
          assertThat(last.antiMotivationMode()).isTrue();
          assertThat(last.emailOptOut()).isTrue();
          assertThat(last.workoutDays().getBoolean("sunday")).isTrue();
          assertThat(last.sendTime()).isEqualTo("09:15");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("Changing a setting of an unknown user fails with 404 for each setting")
  void settingsOfUnknownUser(VertxTestContext testContext) {
    String unknown = UUID.randomUUID().toString();
    List<Future<User>> changes = List.of(
        store.updateMode(unknown, "ripped"),
        store.updateAntiMotivationMode(unknown, true),
        store.updatePreferences(unknown, "UTC", "07:00"),
        store.setEmailOptOut(unknown, true));
    Future.join(changes).onComplete(done -> testContext.verify(() -> {
      for (Future<User> change : changes) {
        assertThat(change.failed()).isTrue();
        assertFailureCode(change.cause(), UserStore.NOT_FOUND);
      }
      testContext.completeNow();
    }));
  }

  /** {@code changed} as a change returned it, checked against what a read finds. */
  private Future<User> sameAsStored(User changed) {
    return store.findById(changed.id()).map(stored -> {
      assertThat(changed.toJson()).isEqualTo(stored.toJson());
      return changed;
    });
  }

  @Test
  @DisplayName("Replacing a selfie returns the user as it was before and stores the new names and model")
  void replaceSelfieReturnsPrevious(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(user -> store.replaceSelfie(user.id(), "one.jpg", "one.npy", "default/fr")
            .compose(first -> store.replaceSelfie(user.id(), "two.jpg", "two.npy", "buffalo_l/w600k")
                .compose(second -> store.findById(user.id())
                    .onComplete(testContext.succeeding(stored -> testContext.verify(() -> {
                      assertThat(first.hasSelfie()).isFalse();
                      assertThat(second.selfieFilename()).isEqualTo("one.jpg");
                      assertThat(second.selfieEmbeddingFilename()).isEqualTo("one.npy");
                      assertThat(second.embeddingModel()).isEqualTo("default/fr");
                      assertThat(stored.selfieFilename()).isEqualTo("two.jpg");
                      assertThat(stored.selfieEmbeddingFilename()).isEqualTo("two.npy");
                      assertThat(stored.embeddingModel()).isEqualTo("buffalo_l/w600k");
                      testContext.completeNow();
                    }))))));
  }

  @Test
  @DisplayName("Concurrent selfie replacements each return the selfie they replaced, exactly once")
  void concurrentReplacementsChain(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com").compose(user -> {
      List<Future<User>> swaps = new ArrayList<>();
      IntStream.range(0, 10).forEach(i -> swaps.add(store.replaceSelfie(user.id(), i + ".jpg", i + ".npy", "m")));
      return Future.all(swaps).compose(all -> store.findById(user.id())).onComplete(testContext.succeeding(last ->
          testContext.verify(() -> {
            List<String> replaced = new ArrayList<>();
            swaps.forEach(swap -> replaced.add(swap.result().selfieFilename()));
            Set<String> expected = new HashSet<>();
            IntStream.range(0, 10).forEach(i -> expected.add(i + ".jpg"));
            expected.remove(last.selfieFilename());
            expected.add(null);
            assertThat(replaced).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            testContext.completeNow();
          })));
    });
  }

  @Test
  @DisplayName("Clearing a selfie returns the user as it was and leaves no selfie, embedding or model")
  void clearSelfieReturnsPrevious(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(user -> store.replaceSelfie(user.id(), "one.jpg", "one.npy", "default/fr")
            .compose(replaced -> store.clearSelfie(user.id()))
            .compose(before -> store.findById(user.id())
                .onComplete(testContext.succeeding(after -> testContext.verify(() -> {
                  assertThat(before.selfieFilename()).isEqualTo("one.jpg");
                  assertThat(before.selfieEmbeddingFilename()).isEqualTo("one.npy");
                  assertThat(after.hasSelfie()).isFalse();
                  assertThat(after.selfieFilename()).isNull();
                  assertThat(after.selfieEmbeddingFilename()).isNull();
                  assertThat(after.embeddingModel()).isNull();
                  testContext.completeNow();
                })))));
  }

  @Test
  @DisplayName("Replacing or clearing the selfie of an unknown user fails with 404")
  void selfieOfUnknownUser(VertxTestContext testContext) {
    String unknown = UUID.randomUUID().toString();
    store.replaceSelfie(unknown, "one.jpg", "one.npy", "m")
        .onComplete(testContext.failing(replaceError -> store.clearSelfie(unknown)
            .onComplete(testContext.failing(clearError -> testContext.verify(() -> {
              assertFailureCode(replaceError, UserStore.NOT_FOUND);
              assertFailureCode(clearError, UserStore.NOT_FOUND);
              testContext.completeNow();
            })))));
  }

  @Test
  @DisplayName("Only users with both a selfie and an embedding are listed for the batch")
  void usersWithSelfie(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com")
        .compose(ada -> store.replaceSelfie(ada.id(), "ada.jpg", "ada.npy", "m"))
        .compose(ada -> store.findOrCreateByEmail("bob@example.com"))
        .compose(bob -> store.usersWithSelfie())
        .onComplete(testContext.succeeding(users -> testContext.verify(() -> {
          assertThat(users).extracting(User::email).containsExactly("ada@example.com");
          assertThat(users.get(0).selfieFilename()).isEqualTo("ada.jpg");
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("A user's storage keys name each generated image's variants too, so deletion leaves none behind")
  void storageKeysNameVariants(VertxTestContext testContext) {
    String image = "generated/20260101_070000_00112233445566778899aabbccddeeff_generated.png";
    store.findOrCreateByEmail("vera@example.com").compose(user -> store
            .recordGeneratedImage(image(user.id(), image, "2025-12-21", 1_000L))
            .compose(recorded -> store.storageKeysOf(user.id())))
        .onComplete(testContext.succeeding(keys -> testContext.verify(() -> {
          assertThat(keys).contains(image).containsAll(ImageVariant.siblingKeys(image)).doesNotHaveDuplicates();
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("The latest generated image of a day is the one generated last that day")
  void latestGeneratedImagePerDay(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com").compose(user -> store
            .recordGeneratedImage(image(user.id(), "generated/a.png", "2025-12-21", 1_000L))
            .compose(a -> store.recordGeneratedImage(image(user.id(), "generated/c.png", "2025-12-21", 3_000L)))
            .compose(c -> store.recordGeneratedImage(image(user.id(), "generated/b.png", "2025-12-21", 2_000L)))
            .compose(b -> store.recordGeneratedImage(image(user.id(), "generated/d.png", "2025-12-22", 500L)))
            .compose(d -> store.latestGeneratedImage(user.id(), "2025-12-21")
                .compose(first -> store.latestGeneratedImage(user.id(), "2025-12-22")
                    .compose(second -> store.latestGeneratedImage(user.id(), "2025-12-23")
                        .map(none -> {
                          testContext.verify(() -> {
                            assertThat(d.id()).isNotBlank();
                            assertThat(first.s3Key()).isEqualTo("generated/c.png");
                            assertThat(first.filename()).isEqualTo("c.png");
                            assertThat(first.userId()).isEqualTo(user.id());
                            assertThat(first.generationDate()).isEqualTo("2025-12-21");
                            assertThat(first.generatedAtMillis()).isEqualTo(3_000L);
                            assertThat(first.mode()).isEqualTo("ripped");
                            assertThat(first.source()).isEqualTo("batch");
                            assertThat(second.toJson()).isEqualTo(d.toJson());
                            assertThat(none).isNull();
                          });
                          return null;
                        })))))
        .onComplete(testContext.succeedingThenComplete());
  }

  @Test
  @DisplayName("A generated image of an unknown user fails with 404 and a malformed day with 400")
  void generatedImageErrors(VertxTestContext testContext) {
    store.recordGeneratedImage(image(UUID.randomUUID().toString(), "generated/a.png", "2025-12-21", 1L))
        .onComplete(testContext.failing(unknownUser -> store.latestGeneratedImage("someone", "21/12/2025")
            .onComplete(testContext.failing(badDate -> testContext.verify(() -> {
              assertFailureCode(unknownUser, UserStore.NOT_FOUND);
              assertFailureCode(badDate, 400);
              testContext.completeNow();
            })))));
  }

  @Test
  @DisplayName("Deleting a user removes it with its images; deleting it again fails with 404")
  void deleteUser(VertxTestContext testContext) {
    store.findOrCreateByEmail("ada@example.com").compose(user -> store
            .recordGeneratedImage(image(user.id(), "generated/a.png", "2025-12-21", 1L))
            .compose(image -> store.deleteUser(user.id()))
            .compose(deleted -> store.findById(user.id()))
            .compose(gone -> store.latestGeneratedImage(user.id(), "2025-12-21")
                .map(noImage -> {
                  testContext.verify(() -> {
                    assertThat(gone).isNull();
                    assertThat(noImage).isNull();
                  });
                  return user;
                })))
        .compose(user -> store.deleteUser(user.id()))
        .onComplete(testContext.failing(error -> testContext.verify(() -> {
          assertFailureCode(error, UserStore.NOT_FOUND);
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("A duplicate e-mail or image id is refused with 409")
  void uniqueViolationsAreConflicts(Vertx vertx, VertxTestContext testContext) {
    Pool pool = SqlPools.create(vertx, database);
    SqlTemplate<Map<String, Object>, ?> insertUser =
        SqlTemplate.forUpdate(pool, "INSERT INTO users (id, email) VALUES (#{id}, #{email})");
    store.findOrCreateByEmail("ada@example.com")
        .compose(ada -> insertUser.execute(Map.of("id", UUID.randomUUID().toString(), "email", "ada@example.com")))
        // The raw pool is closed before the store writes again: on SQLite its failed statement
        // may still hold the write lock of an open implicit transaction.
        .onComplete(testContext.failing(duplicateEmail -> pool.close()
            .compose(closed -> store.findByEmail("ada@example.com"))
            .compose(ada -> store.recordGeneratedImage(new GeneratedImage("image-1", ada.id(), "generated/a.png", "2025-12-21", 1L, "ripped", "batch", null))
                .compose(first -> store.recordGeneratedImage(first)))
            .onComplete(testContext.failing(duplicateImage -> testContext.verify(() -> {
              assertFailureCode(ServiceErrors.toServiceException(SqlFailures.translate(duplicateEmail)), UserStore.CONFLICT);
              assertFailureCode(duplicateImage, UserStore.CONFLICT);
              testContext.completeNow();
            })))));
  }

  @Test
  @DisplayName("Ping answers when the database does")
  void ping(VertxTestContext testContext) {
    store.ping().onComplete(testContext.succeedingThenComplete());
  }

  private static GeneratedImage image(String userId, String key, String day, long millis) {
    return new GeneratedImage(null, userId, key, day, millis, "ripped", "batch", null);
  }

  static void assertFailureCode(Throwable error, int code) {
    assertThat(error).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) error).failureCode()).as(error.getMessage()).isEqualTo(code);
  }
}
