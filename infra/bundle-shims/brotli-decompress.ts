import { brotliDecompressSync } from 'node:zlib';

/**
 * Stands in for `brotli/decompress.js` in the Lambda bundles (infra/bundling.ts BUNDLE_ALIASES): the
 * same contract, BrotliDecompressBuffer(buffer, outputSize) returning the decoded bytes, with Node's
 * built-in decoder instead of a pure-JavaScript one with its 120 KB dictionary inlined. fontkit calls
 * it only to open WOFF2 fonts. More output than the size the caller expects is an error, not a
 * silently cut table.
 */
export default function decompress(buffer: Uint8Array, outputSize?: number): Uint8Array {
  const decoded = brotliDecompressSync(buffer, outputSize === undefined ? {} : { maxOutputLength: Math.max(outputSize, 1) });
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}
