package ai.motiv8.mail;

import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class BackoffTest {

  @Test
  @DisplayName("Waits double after each failed attempt, up to the cap")
  void doublesUpToCap() {
    Backoff backoff = new Backoff(10, 500, 3_000);

    assertThat(List.of(backoff.delayAfter(1), backoff.delayAfter(2), backoff.delayAfter(3), backoff.delayAfter(4),
        backoff.delayAfter(60))).containsExactly(500L, 1_000L, 2_000L, 3_000L, 3_000L);
  }

  @Test
  @DisplayName("Allows a retry only while attempts remain")
  void bounded() {
    Backoff backoff = new Backoff(3, 10, 10);

    assertThat(backoff.mayRetryAfter(1)).isTrue();
    assertThat(backoff.mayRetryAfter(2)).isTrue();
    assertThat(backoff.mayRetryAfter(3)).isFalse();
    assertThatThrownBy(() -> new Backoff(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("Connection errors and 4xx replies are transient, 5xx replies are not")
  void transientErrors() {
    assertThat(SmtpTransport.isTransient(new ConnectException("refused"))).isTrue();
    assertThat(SmtpTransport.isTransient(new SMTPException("busy", 421, List.of("busy"), false))).isTrue();
    assertThat(SmtpTransport.isTransient(new SMTPException("no", 550, List.of("no"), false))).isFalse();
  }

  @Test
  @DisplayName("Logs show a masked address, never the whole one")
  void masking() {
    assertThat(MotivationMailer.maskAddress("athlete@motiv8.test")).isEqualTo("a***@motiv8.test");
    assertThat(MotivationMailer.maskAddress("nonsense")).isEqualTo("***");
  }
}
