package ai.motiv8.batch;

import ai.motiv8.common.Addresses;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * The daily batch's claims, served by the persistence verticle: one {@link DailyDelivery} row per
 * user and local day. The database is
 * the only arbiter, so claims hold across JVMs with no cluster manager: a row is taken by an
 * insert that does nothing when the row exists, or by an update whose condition (lease expired,
 * attempts left) the database evaluates under its row lock.
 *
 * <p>Dates are {@code YYYY-MM-DD}; times are epoch milliseconds of the caller's clock. Every
 * {@code mark...} method changes the row only while {@code token} still holds it and it is in the
 * expected state, and answers whether it did. Failures carry HTTP-like codes
 * ({@link ai.motiv8.common.ServiceErrors}).
 */
@ProxyGen
@VertxGen
public interface DeliveryStore {

  String ADDRESS = Addresses.DELIVERIES;

  /** {@link #claim} fails with this code for a user who unsubscribed (a 409: nothing to send them). */
  int OPTED_OUT = 4091;

  static DeliveryStore createProxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(DeliveryStore.class);
  }

  /**
   * Claims the user's day for the run {@code token}: creates the row ({@link DailyDelivery#CLAIMED},
   * attempt 1) or takes it over when it is {@link DailyDelivery#FAILED}, or claimed or generated
   * with its lease expired, and has fewer than {@code maxAttempts} attempts (the attempt count goes
   * up, the state goes back to claimed, or to generated when the image exists).
   *
   * Fails with 404 for a user gone or being deleted, {@link #OPTED_OUT} for one who unsubscribed.
   *
   * @return the row as it is afterwards; {@link DailyDelivery#heldBy} the token tells whether the
   *     claim succeeded
   */
  Future<DailyDelivery> claim(String userId, String date, String token, long nowMillis, long leaseUntilMillis,
                              int maxAttempts);

  /**
   * Claimed → generated: stores the image key, renews the lease and, in the same transaction,
   * records the image in {@code generated_images} (source {@code batch}, the user's {@code mode},
   * the identity score when checked) so the day's motivation shows it. False (and nothing recorded)
   * when the token no longer holds the claim.
   */
  Future<Boolean> markGenerated(String userId, String date, String token, String imageKey, String mode,
                                Double identityScore, long nowMillis, long leaseUntilMillis);

  /**
   * Mailed → claimed by {@code token} as a fresh first attempt with no image, counting one more
   * resend ({@code daily_deliveries.resends}): how {@code batch run --resend} mails a user again.
   * False when the row is not mailed (nothing changes).
   */
  Future<Boolean> reopenMailed(String userId, String date, String token, long nowMillis, long leaseUntilMillis);

  /**
   * Generated → mailing, renewing the lease: the last step before the mail is handed over. False
   * for a user being deleted (whose later claims fail with 404).
   */
  Future<Boolean> beginMail(String userId, String date, String token, long nowMillis, long leaseUntilMillis);

  /** Mailing → mailed. */
  Future<Boolean> markMailed(String userId, String date, String token, long nowMillis);

  /**
   * Claimed, generated or mailing → failed, with the reason. Only for failures that certainly
   * sent no mail: a failed row is retried.
   */
  Future<Boolean> markFailed(String userId, String date, String token, String error, long nowMillis);

  /** Notes why a mail's outcome is unknown; the row stays {@link DailyDelivery#MAILING} and is never retried. */
  Future<Boolean> markMailUnknown(String userId, String date, String token, String error, long nowMillis);

  /** Every row of the day. */
  Future<List<DailyDelivery>> deliveries(String date);
}
