package ai.motiv8.mail;

import ai.motiv8.generation.content.DailyContent;
import ai.motiv8.users.Mode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes the motivation mail: subject "Daily Motivation" with the day's theme (or, in shame
 * mode, "This could be you"), a short HTML body with the mode's heading ("Get after it!", "This
 * could be you", ...), the image inline ({@code <img src="cid:...">}) and the day's line from the
 * daily content, and the same words as plain text.
 */
final class MotivationMessages {

  static final String SUBJECT = "Daily Motivation";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

  private MotivationMessages() {
  }

  /**
   * @param png the generated image
   * @param from the sender address ({@code FROM_EMAIL})
   * @param mode the person's mode
   */
  static MailMessage build(String from, String to, LocalDate date, Mode mode, Buffer png) {
    DailyContent content = DailyContent.forDate(date, mode, null);
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
        .setSubject(subject(content))
        .setText(text(day, content))
        .setHtml(html(day, contentId, content))
        .setInlineAttachment(List.of(image));
  }

  static String subject(DailyContent content) {
    return SUBJECT + ": " + (content.mode() == Mode.SHAME ? content.mailHeading() : content.theme().title());
  }

  private static String text(String day, DailyContent content) {
    return """
        %s

        It's %s, one of your workout days. %s

        Today's theme: %s. "%s"

        You've got this,
        motiv8
        """.formatted(content.mailHeading(), day, content.mailLead(), content.theme().title(), content.copy());
  }

  private static String html(String day, String contentId, DailyContent content) {
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Daily Motivation</title></head>
        <body style="margin:0;padding:24px;background:#f4f4f6;font-family:Helvetica,Arial,sans-serif;color:#1b1b1f;">
          <div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:28px;text-align:center;">
            <h1 style="margin:0 0 8px;font-size:30px;letter-spacing:1px;">%s</h1>
            <p style="margin:0 0 20px;font-size:16px;line-height:1.5;">It's %s, one of your workout days. %s</p>
            <img src="cid:%s" width="384" alt="Your motivation for %s"
                 style="display:block;margin:0 auto;width:384px;max-width:100%%;height:auto;border-radius:8px;">
            <p style="margin:20px 0 0;font-size:18px;line-height:1.5;font-weight:bold;">%s</p>
            <p style="margin:8px 0 0;font-size:14px;color:#55555f;">Today's theme: %s</p>
            <p style="margin:20px 0 0;font-size:16px;line-height:1.5;">You've got this.<br>motiv8</p>
          </div>
        </body>
        </html>
        """.formatted(escape(content.mailHeading()), day, escape(content.mailLead()), contentId, day,
        escape(content.copy()), escape(content.theme().title()));
  }

  /** The catalogue's text is ours, but it goes into HTML: escape it all the same. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
