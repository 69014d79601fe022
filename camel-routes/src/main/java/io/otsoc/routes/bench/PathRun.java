package io.otsoc.routes.bench;

/**
 * What one run of a measured path went through and produced.
 *
 * @param frames      frames read
 * @param bytes       captured bytes of those frames
 * @param events      OT events decoded, or -1 when the path does not decode
 * @param documents   records handed on (to the counting sink) or ECS documents written, or -1
 * @param outputBytes bytes of JSON written, or -1 when the path writes none
 */
record PathRun(long frames, long bytes, long events, long documents, long outputBytes) {
}
