package ai.motiv8.faces.intake;

import java.util.Optional;

/**
 * The image formats a selfie may be in, recognised by their first bytes (never by the client's
 * name or content type), each with the content type and extension we serve and store it under.
 */
public enum ImageType {
  JPEG("image/jpeg", "jpg", "jpeg"),
  PNG("image/png", "png", "png"),
  WEBP("image/webp", "webp", "webp"),
  GIF("image/gif", "gif", "gif"),
  BMP("image/bmp", "bmp", "bmp");

  /** Bytes needed to recognise every type. */
  public static final int SNIFF_LENGTH = 32;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private final String contentType;
  private final String extension;
  private final String imageIoFormat;

  ImageType(String contentType, String extension, String imageIoFormat) {
    this.contentType = contentType;
    this.extension = extension;
    this.imageIoFormat = imageIoFormat;
  }

  public String contentType() {
    return contentType;
  }

  /** Safe file extension without the dot, e.g. {@code jpg}. */
  public String extension() {
    return extension;
  }

  String imageIoFormat() {
    return imageIoFormat;
  }

  /** The type whose signature starts {@code head}, or empty. */
  public static Optional<ImageType> sniff(byte[] head) {
    if (startsWith(head, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
      return Optional.of(GIF);
    }
    if (startsWith(head, 0, ascii("BM")) && head.length >= 18 && isBmpInfoHeaderSize(littleEndianInt(head, 14))) {
      return Optional.of(BMP);
    }
    return Optional.empty();
  }

  private static boolean isBmpInfoHeaderSize(int size) {
    return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108
        || size == 124;
  }

  private static int littleEndianInt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
        | (bytes[offset + 3] & 0xFF) << 24;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] bytes, int offset, byte... prefix) {
    if (bytes.length < offset + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
