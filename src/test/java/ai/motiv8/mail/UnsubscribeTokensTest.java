package ai.motiv8.mail;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsubscribeTokensTest {

  private final UnsubscribeTokens tokens = new UnsubscribeTokens("a-secret-for-the-test", "https://api.example");

  @Test
  @DisplayName("A signed token names its user and list; a changed, truncated or foreign token says nothing")
  void signedTokens() {
    String token = tokens.sign("0b6e-user", UnsubscribeTokens.MOTIVATION);
    assertThat(tokens.verify(token)).contains(new UnsubscribeTokens.Subscription("0b6e-user", "motivation"));
    assertThat(tokens.sign("0b6e-user", UnsubscribeTokens.MOTIVATION)).as("no expiry, no nonce").isEqualTo(token);

    String otherUser = tokens.sign("another-user", UnsubscribeTokens.MOTIVATION);
    String forged = otherUser.substring(0, otherUser.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
    assertThat(tokens.verify(forged)).isEmpty();
    assertThat(tokens.verify(token.substring(0, token.length() - 2))).isEmpty();
    assertThat(tokens.verify(token.replace(".motivation.", ".news."))).isEmpty();
    assertThat(new UnsubscribeTokens("another-secret", "https://api.example").verify(token)).isEmpty();
    assertThat(tokens.verify("not-a-token")).isEmpty();
    assertThat(tokens.verify("v1.!!!.motivation.???")).isEmpty();
    assertThat(tokens.verify(null)).isEmpty();
    assertThat(tokens.link("0b6e-user", "motivation")).isEqualTo("https://api.example/api/unsubscribe?token=" + token);
  }
}
