package ai.motiv8.mail;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes the motivation mail: subject "Daily Motivation", a short friendly HTML body with the
 * image inline ({@code <img src="cid:...">}), and the same words as plain text.
 */
final class MotivationMessages {

  static final String SUBJECT = "Daily Motivation";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

  private MotivationMessages() {
  }

  /**
   * @param png the generated image
   * @param from the sender address ({@code FROM_EMAIL})
   */
  static MailMessage build(String from, String to, LocalDate date, Buffer png) {
    String day = DAY.format(date);
    String contentId = "motivation-" + date + "." + UUID.randomUUID() + "@motiv8";
    MailAttachment image = MailAttachment.create()
        .setData(png)
        .setContentType("image/png")
        .setName("motivation-" + date + ".png")
        .setDisposition("inline")
        .setContentId("<" + contentId + ">");
    return new MailMessage()
        .setFrom(from)
        .setTo(to)
        .setSubject(SUBJECT)
        .setText(text(day))
        .setHtml(html(day, contentId))
        .setInlineAttachment(List.of(image));
  }

  private static String text(String day) {
    return """
        Get after it!

        It's %s, one of your workout days, and here is your motivation: \
        the picture in this mail is you. Go and earn it.

        You've got this,
        motiv8
        """.formatted(day);
  }

  private static String html(String day, String contentId) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Daily Motivation</title></head>
        <body style="margin:0;padding:24px;background:#f4f4f6;font-family:Helvetica,Arial,sans-serif;color:#1b1b1f;">
          <div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px;text-align:center;">
            <h1 style="margin:0 0 8px;font-size:30px;letter-spacing:1px;">Get after it!</h1>
            <p style="margin:0 0 20px;font-size:16px;line-height:1.5;">
              It's %s, one of your workout days, and here is your motivation.
            </p>
            <img src="cid:%s" width="384" alt="Your motivation for %s"
                 style="display:block;margin:0 auto;width:384px;max-width:100%%;height:auto;border-radius:8px;">
            <p style="margin:20px 0 0;font-size:16px;line-height:1.5;">You've got this.<br>motiv8</p>
          </div>
        </body>
        </html>
        """.formatted(day, contentId, day);
  }
}
