package ai.motiv8.storage;

/** Metadata of a stored object. {@code contentType} may be null when the backend does not know it. */
public record BlobInfo(String key, long size, String contentType) {
}
