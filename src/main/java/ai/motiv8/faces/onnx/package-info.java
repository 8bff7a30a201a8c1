/**
 * What both face packs share about their models: the committed manifest of a pack's files with
 * their sizes, SHA-256 and tensor contracts ({@link ai.motiv8.faces.onnx.ModelManifest}), and
 * ONNX Runtime sessions opened the one way motiv8 wants them ({@link ai.motiv8.faces.onnx.OrtSessions}).
 * Plain Java: no Vert.x runtime in here (Vert.x's {@code JsonObject} only reads the manifests).
 */
package ai.motiv8.faces.onnx;
