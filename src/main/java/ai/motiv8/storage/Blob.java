package ai.motiv8.storage;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** An opened object: its bytes as a paused stream plus its length and content type. */
public record Blob(BlobInfo info, ReadStream<Buffer> stream) {
}
