package ai.motiv8.generation.diffusion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into plain Java values ({@link Map} in document order, {@link List},
 * {@link String}, {@link Long}/{@link Double}, {@link Boolean}, {@code null}) with the streaming
 * parser that is already on the class path; pack files are small enough for that.
 */
final class Json {

  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {
  }

  static Object read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file); JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IOException("empty JSON document");
      }
      Object value = value(parser, first);
      if (parser.nextToken() != null) {
        throw new IOException("trailing content after the JSON value");
      }
      return value;
    }
  }

  /** The document, which must be an object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(Path file) throws IOException {
    Object value = read(file);
    if (!(value instanceof Map)) {
      throw new IOException("expected a JSON object at the top level");
    }
    return (Map<String, Object>) value;
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          map.put(name, value(parser, parser.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(value(parser, t));
        }
        return list;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected JSON token " + token);
    }
  }
}
