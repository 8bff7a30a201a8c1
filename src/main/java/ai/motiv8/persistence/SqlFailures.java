package ai.motiv8.persistence;

import ai.motiv8.common.ApiException;
import io.vertx.pgclient.PgException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Database constraint violations as the store's failure codes; other errors pass unchanged. */
final class SqlFailures {

  private enum Violation { UNIQUE, FOREIGN_KEY, NONE }

  private SqlFailures() {
  }

  static Throwable translate(Throwable error) {
    return switch (violation(error)) {
      case UNIQUE -> new ApiException(ApiException.Kind.CONFLICT, "Already used by another user", error);
      case FOREIGN_KEY -> new ApiException(ApiException.Kind.NOT_FOUND, "User not found", error);
      case NONE -> error;
    };
  }

  private static Violation violation(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg) {
        return switch (String.valueOf(pg.getSqlState())) {
          case "23505" -> Violation.UNIQUE;
          case "23503" -> Violation.FOREIGN_KEY;
          default -> Violation.NONE;
        };
      }
      if (cause instanceof SQLiteException sqlite) {
        SQLiteErrorCode code = sqlite.getResultCode();
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
          return Violation.UNIQUE;
        }
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY ? Violation.FOREIGN_KEY : Violation.NONE;
      }
    }
    return Violation.NONE;
  }
}
