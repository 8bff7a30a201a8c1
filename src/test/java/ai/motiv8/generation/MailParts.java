package ai.motiv8.generation;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the parts of a received motivation mail. */
final class MailParts {

  private MailParts() {
  }

  /** The bytes of the one inline {@code image/png} part that has a Content-ID. */
  static byte[] inlineImage(Part message) throws MessagingException, IOException {
    List<Part> images = leaves(message).stream().filter(part -> is(part, "image/png")).toList();
    if (images.size() != 1) {
      throw new AssertionError("expected one image/png part, found " + images.size());
    }
    Part image = images.get(0);
    if (!Part.INLINE.equalsIgnoreCase(image.getDisposition()) || image.getHeader("Content-ID") == null) {
      throw new AssertionError("the image is not inline with a Content-ID");
    }
    try (InputStream in = image.getInputStream()) {
      return in.readAllBytes();
    }
  }

  /** The plain-text alternative. */
  static String text(Part message) throws MessagingException, IOException {
    for (Part part : leaves(message)) {
      if (is(part, "text/plain")) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no text/plain part");
  }

  private static boolean is(Part part, String type) {
    try {
      return part.isMimeType(type);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Part> leaves(Part part) throws MessagingException, IOException {
    List<Part> leaves = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        leaves.addAll(leaves(child));
      }
    } else {
      leaves.add(part);
    }
    return leaves;
  }
}
