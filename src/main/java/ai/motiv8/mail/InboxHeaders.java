package ai.motiv8.mail;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * What makes a motivation mail one that mail providers and people can trust, laid over the
 * message {@link MotivationMessages} wrote (its words stay its own): RFC 8058 one-click
 * unsubscribe ({@code List-Unsubscribe} with the signed https link, {@code List-Unsubscribe-Post})
 * and the same link visible at the foot of the text and HTML parts; a {@code Message-ID} on our
 * own domain and a {@code Date}; and {@value #IDEMPOTENCY_KEY}, the same for every copy of one
 * user's mail of one day, so that a mail sent again is recognisable as the same mail.
 */
final class InboxHeaders {

  static final String IDEMPOTENCY_KEY = "X-Motiv8-Idempotency-Key";
  static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
  static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
  static final String ONE_CLICK = "List-Unsubscribe=One-Click";

  private InboxHeaders() {
  }

  /** The key of one user's mail of one day ({@code YYYY-MM-DD}). */
  static String idempotencyKey(String userId, String date) {
    return "motivation/" + date + "/" + userId;
  }

  /**
   * @param unsubscribeUrl the signed link, or null when the mail names no user (then no list headers)
   * @param domain the sender's domain, for the {@code Message-ID}
   */
  static MailMessage apply(MailMessage message, String userId, String date, String unsubscribeUrl, String domain,
                           Instant now) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (message.getHeaders() != null) {
      headers.addAll(message.getHeaders());
    }
    headers.set("Message-ID", "<motivation." + date + "." + UUID.randomUUID() + "@" + domain + ">");
    headers.set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
    if (userId != null) {
      headers.set(IDEMPOTENCY_KEY, idempotencyKey(userId, date));
    }
    if (unsubscribeUrl != null) {
      headers.set("List-Id", "Daily motivation <motivation." + domain + ">");
      headers.set(LIST_UNSUBSCRIBE, "<" + unsubscribeUrl + ">");
      headers.set(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
      message.setText(withTextFooter(message.getText(), unsubscribeUrl));
      message.setHtml(withHtmlFooter(message.getHtml(), unsubscribeUrl));
    }
    return message.setHeaders(headers);
  }

  private static String withTextFooter(String text, String url) {
    String body = text == null ? "" : text.endsWith("\n") ? text : text + "\n";
    return body + "\n--\nNo more of these mails: " + url + "\n";
  }

  private static String withHtmlFooter(String html, String url) {
    String footer = "<p style=\"margin:16px auto 0;max-width:560px;font-size:12px;color:#6b6b73;text-align:center;\">"
        + "Don't want these mails any more? <a href=\"" + url.replace("&", "&amp;").replace("\"", "&quot;")
        + "\" style=\"color:#6b6b73;\">Unsubscribe</a></p>\n";
    if (html == null) {
      return null;
    }
    int end = html.lastIndexOf("</body>");
    return end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
  }
}
