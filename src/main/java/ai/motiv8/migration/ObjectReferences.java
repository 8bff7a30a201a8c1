package ai.motiv8.migration;

import ai.motiv8.storage.StorageKeys;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored objects the rows of a database point at, by the service's conventions:
 * {@code users.selfie_filename} → {@code uploads/<name>}, {@code users.selfie_embedding_filename}
 * → {@code embeddings/<name>}, and {@code generated_images.s3_key} → {@code generated/<last path
 * segment>} (what {@code GET /api/generated/{filename}} serves; Python-era keys had other folders).
 *
 * @param keys    storage key → the row that points at it, e.g. {@code users id='...' selfie_filename}
 * @param invalid references that can name no stored object (not a safe name)
 */
record ObjectReferences(Map<String, String> keys, List<String> invalid) {

  static ObjectReferences read(DatabaseLocation database) throws SQLException {
    Map<String, String> keys = new LinkedHashMap<>();
    List<String> invalid = new ArrayList<>();
    try (Connection connection = database.requireExisting().connect()) {
      Map<String, TableShape> tables = TableShape.readAll(connection, database.dialect());
      TableShape users = tables.get("users");
      if (users != null) {
        collect(connection, users, "selfie_filename", StorageKeys.UPLOADS, keys, invalid);
        collect(connection, users, "selfie_embedding_filename", StorageKeys.EMBEDDINGS, keys, invalid);
      }
      TableShape images = tables.get("generated_images");
      if (images != null) {
        collect(connection, images, "s3_key", StorageKeys.GENERATED, keys, invalid);
      }
    }
    return new ObjectReferences(keys, invalid);
  }

  private static void collect(Connection connection, TableShape table, String column, String prefix,
                              Map<String, String> keys, List<String> invalid) throws SQLException {
    if (table.column(column) == null || table.column("id") == null) {
      return;
    }
    String sql = "SELECT id, " + column + " FROM " + table.name() + " WHERE " + column + " IS NOT NULL";
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        String value = rows.getString(2);
        String name = value.substring(value.lastIndexOf('/') + 1);
        String referrer = table.name() + " id=" + rows.getString(1) + " " + column;
        if (StorageKeys.isSafeName(name)) {
          keys.putIfAbsent(prefix + "/" + name, referrer);
        } else {
          invalid.add(referrer + " = '" + value + "'");
        }
      }
    }
  }
}
