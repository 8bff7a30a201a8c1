/**
 * The InsightFace {@code buffalo_l} face pack on ONNX Runtime: the SCRFD-10GF detector
 * ({@code det_10g.onnx}) and the ArcFace R50 recogniser ({@code w600k_r50.onnx}), with InsightFace's
 * pre- and post-processing, so that the embeddings equal its {@code normed_embedding}.
 *
 * <p>Operators install the model files themselves (see {@code docs/models.md}); their pretrained
 * weights are licensed for non-commercial research only. Plain Java: no Vert.x in here.
 */
package ai.motiv8.faces.buffalo;
