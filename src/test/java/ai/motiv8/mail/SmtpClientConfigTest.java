package ai.motiv8.mail;

import ai.motiv8.config.AppConfig;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class SmtpClientConfigTest {

  private static AppConfig.MailConfig config(int port, String user, boolean startTls) {
    return new AppConfig.MailConfig("smtp.example.com", port, user, user == null ? null : "secret",
        "motiv8@example.com", startTls, Path.of("outbox"), 3, 1000);
  }

  @Test
  @DisplayName("STARTTLS is required on port 587 when configured, as the original service did")
  void startTlsRequired() {
    MailConfig options = SmtpTransport.clientConfig(config(587, "bob", true));

    assertThat(options.getStarttls()).isEqualTo(StartTLSOptions.REQUIRED);
    assertThat(options.isSsl()).isFalse();
    assertThat(options.getLogin()).isEqualTo(LoginOption.REQUIRED);
    assertThat(options.getUsername()).isEqualTo("bob");
    assertThat(options.getPassword()).isEqualTo("secret");
    assertThat(SmtpTransport.describeSecurity(config(587, "bob", true))).isEqualTo("STARTTLS required");
  }

  @Test
  @DisplayName("Without STARTTLS and without a user the client neither upgrades nor logs in")
  void plain() {
    MailConfig options = SmtpTransport.clientConfig(config(2525, null, false));

    assertThat(options.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
    assertThat(options.getLogin()).isEqualTo(LoginOption.DISABLED);
  }

  @Test
  @DisplayName("Port 465 uses TLS from the first byte instead of STARTTLS")
  void implicitTls() {
    MailConfig options = SmtpTransport.clientConfig(config(465, "bob", true));

    assertThat(options.isSsl()).isTrue();
    assertThat(options.getStarttls()).isEqualTo(StartTLSOptions.DISABLED);
    assertThat(SmtpTransport.describeSecurity(config(465, "bob", true))).isEqualTo("TLS");
  }
}
