/** brotli ships no type declarations; this is the decoder fontkit imports, which a test compares with the bundles' stand-in. */
declare module 'brotli/decompress.js' {
  export default function decompress(buffer: Uint8Array, outputSize?: number): Uint8Array;
}
