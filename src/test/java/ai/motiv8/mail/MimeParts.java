package ai.motiv8.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a received or written motivation mail with jakarta.mail and checks its parts. */
public final class MimeParts {

  private static final Pattern CID = Pattern.compile("src=\"cid:([^\"]+)\"");

  private MimeParts() {
  }

  public static MimeMessage parse(InputStream eml) throws MessagingException {
    return new MimeMessage(Session.getInstance(new Properties()), eml);
  }

  /**
   * Checks subject, recipient, a plain-text part, an HTML part and an inline PNG whose
   * Content-ID is the one the HTML refers to, with exactly the stored bytes.
   */
  public static void assertMotivationMail(MimeMessage message, String to, byte[] png) throws MessagingException, IOException {
    assertThat(message.getSubject()).startsWith("Daily Motivation");
    assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly(to);
    assertThat(message.getMessageID()).isNotBlank();

    List<Part> leaves = new ArrayList<>();
    collectLeaves(message, leaves);
    Part text = single(leaves, "text/plain");
    Part html = single(leaves, "text/html");
    Part image = single(leaves, "image/png");

    assertThat((String) text.getContent()).contains("Get after it!");
    String htmlBody = (String) html.getContent();
    assertThat(htmlBody).contains("Get after it!");
    Matcher cid = CID.matcher(htmlBody);
    assertThat(cid.find()).as("HTML refers to an inline image by cid:").isTrue();

    assertThat(image.getHeader("Content-ID")).containsExactly("<" + cid.group(1) + ">");
    assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
    try (InputStream in = image.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(png);
    }
  }

  private static Part single(List<Part> parts, String mimeType) {
    List<Part> matching = parts.stream().filter(part -> isMimeType(part, mimeType)).toList();
    assertThat(matching).as("parts of type %s", mimeType).hasSize(1);
    return matching.get(0);
  }

  private static boolean isMimeType(Part part, String mimeType) {
    try {
      return part.isMimeType(mimeType);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collectLeaves(Part part, List<Part> leaves) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        collectLeaves(child, leaves);
      }
    } else {
      leaves.add(part);
    }
  }
}
