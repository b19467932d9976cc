/**
 * Pictures of pages as pixels: decoded from a phone's JPEG, a PNG, a HEIC photo or a PDF's scan,
 * turned upright (the EXIF orientation a phone writes, or a quarter turn found by reading) and
 * handed to OCR as grey levels. Pure JavaScript and WebAssembly: the function ships no native code.
 */

export interface Raster {
  width: number;
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA) bytes per pixel, row by row. */
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export type ImageKind = 'pdf' | 'jpeg' | 'png' | 'heic' | 'unknown';

/** What a file is, from its first bytes (a name or a declared type can lie). */
export function imageKindOf(bytes: Uint8Array): ImageKind {
  const head = (n: number) => Buffer.from(bytes.subarray(0, n)).toString('latin1');
  if (head(5) === '%PDF-' || Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (head(8) === '\x89PNG\r\n\x1a\n') return 'png';
  // ISO base media: "....ftypheic", "ftypheix", "ftypmif1", "ftyphevc"
  if (head(12).slice(4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|mif1|msf1)$/.test(head(12).slice(8, 12))) return 'heic';
  return 'unknown';
}

/** Grey levels (ITU-R 601 luma): what OCR reads, a third or a quarter of the bytes. */
export function toGrey(raster: Raster): Raster {
  if (raster.channels === 1) return raster;
  const grey = new Uint8Array(raster.width * raster.height);
  for (let i = 0, p = 0; i < grey.length; i++, p += raster.channels) {
    const alpha = raster.channels === 4 ? raster.data[p + 3]! / 255 : 1;
    // Transparent pixels are paper (white), as a viewer shows them.
    const luma = 0.299 * raster.data[p]! + 0.587 * raster.data[p + 1]! + 0.114 * raster.data[p + 2]!;
    grey[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width: raster.width, height: raster.height, channels: 1, data: grey };
}

/** A quarter turn clockwise, times `quarters` (0..3): exact, no resampling. */
export function rotate(raster: Raster, quarters: number): Raster {
  const turns = ((quarters % 4) + 4) % 4;
  if (turns === 0) return raster;
  const { width: w, height: h, channels: c, data } = raster;
  const width = turns === 2 ? w : h;
  const height = turns === 2 ? h : w;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = turns === 1 ? [h - 1 - y, x] : turns === 2 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out.set(data.subarray((y * w + x) * c, (y * w + x) * c + c), (ny * width + nx) * c);
    }
  }
  return { width, height, channels: c, data: out };
}

/**
 * The quarter turns that make a photo upright, from its EXIF orientation (1 upright, 3 upside down,
 * 6 turned left: rotate clockwise, 8 turned right). Mirrored orientations (2, 4, 5, 7) come from
 * front cameras and scanners' mirroring, not from documents: they are read as their unmirrored turn.
 */
export function quartersForOrientation(orientation: number | undefined): number {
  switch (orientation) {
    case 3:
    case 4:
      return 2;
    case 6:
    case 5:
      return 1;
    case 8:
    case 7:
      return 3;
    default:
      return 0;
  }
}

/** A grey raster as a binary PGM (P5): a format OCR's image reader takes as is, with no metadata to reinterpret. */
export function toPgm(raster: Raster): Uint8Array {
  const grey = toGrey(raster);
  const header = Buffer.from(`P5\n${grey.width} ${grey.height}\n255\n`, 'latin1');
  return Buffer.concat([header, grey.data]);
}

/** Halve a raster until its longer side is at most `maxSide` (a 48-megapixel photo needs no more than a 200 dpi page). */
export function limitSize(raster: Raster, maxSide: number): Raster {
  let current = toGrey(raster);
  while (Math.max(current.width, current.height) > maxSide) {
    const width = current.width >> 1;
    const height = current.height >> 1;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 2 * y * current.width + 2 * x;
        data[y * width + x] = (current.data[i]! + current.data[i + 1]! + current.data[i + current.width]! + current.data[i + current.width + 1]!) >> 2;
      }
    }
    current = { width, height, channels: 1, data };
  }
  return current;
}

/** The pixels of a photo, upright by its EXIF orientation. Throws UnreadableImage with the reason in Vietnamese. */
export async function decodePhoto(bytes: Uint8Array): Promise<Raster> {
  const kind = imageKindOf(bytes);
  if (kind === 'jpeg') {
    const { default: jpeg } = await import('jpeg-js');
    const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024, maxResolutionInMP: 200 });
    const { default: exifr } = await import('exifr');
    const orientation = (await exifr.orientation(Buffer.from(bytes)).catch(() => undefined)) as number | undefined;
    return rotate(toGrey({ width: decoded.width, height: decoded.height, channels: 4, data: decoded.data }), quartersForOrientation(orientation));
  }
  if (kind === 'png') {
    const { PNG } = await import('pngjs');
    const decoded = PNG.sync.read(Buffer.from(bytes));
    return toGrey({ width: decoded.width, height: decoded.height, channels: 4, data: decoded.data });
  }
  if (kind === 'heic') {
    try {
      const { default: decode } = await import('heic-decode');
      // libheif applies the HEIF rotation ('irot') itself.
      const decoded = await decode({ buffer: bytes });
      return toGrey({ width: decoded.width, height: decoded.height, channels: 4, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) });
    } catch (error) {
      throw new UnreadableImage(`ảnh HEIC không giải mã được (${(error as Error).message})`);
    }
  }
  throw new UnreadableImage('không phải ảnh JPEG, PNG, HEIC hay tệp PDF');
}

/** A file the reader cannot turn into pixels; the reason is for the officer, in Vietnamese. */
export class UnreadableImage extends Error {
  override name = 'UnreadableImage';
}

/** The side, in pixels, of the squares over which the paper's brightness is measured. */
const LIGHTING_BLOCK = 32;

/**
 * Evens out the light of a photo: each pixel divided by the brightness of the paper around it (the
 * brightest pixel of its neighbourhood of squares), so a shadow across the page does not turn into
 * black blocks when OCR splits ink from paper with one threshold.
 */
export function flattenLighting(raster: Raster): Raster {
  const grey = toGrey(raster);
  const { width, height, data } = grey;
  const bw = Math.ceil(width / LIGHTING_BLOCK);
  const bh = Math.ceil(height / LIGHTING_BLOCK);
  const blockMax = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const b = ((y / LIGHTING_BLOCK) | 0) * bw + ((x / LIGHTING_BLOCK) | 0);
      if (data[y * width + x]! > blockMax[b]!) blockMax[b] = data[y * width + x]!;
    }
  }
  // A square all ink (a heading's bold letters) takes the paper's brightness from its neighbours.
  const paper = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let max = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const nx = bx + dx;
        const ny = by + dy;
        if (nx >= 0 && ny >= 0 && nx < bw && ny < bh && blockMax[ny * bw + nx]! > max) max = blockMax[ny * bw + nx]!;
      }
      paper[by * bw + bx] = Math.max(max, 1);
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    // Bilinear between the centres of the squares.
    const fy = Math.min(Math.max(y / LIGHTING_BLOCK - 0.5, 0), bh - 1);
    const y0 = fy | 0;
    const y1 = Math.min(y0 + 1, bh - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max(x / LIGHTING_BLOCK - 0.5, 0), bw - 1);
      const x0 = fx | 0;
      const x1 = Math.min(x0 + 1, bw - 1);
      const wx = fx - x0;
      const light =
        (paper[y0 * bw + x0]! * (1 - wx) + paper[y0 * bw + x1]! * wx) * (1 - wy) + (paper[y1 * bw + x0]! * (1 - wx) + paper[y1 * bw + x1]! * wx) * wy;
      out[y * width + x] = Math.min(255, Math.round((data[y * width + x]! * 255) / light));
    }
  }
  return { width, height, channels: 1, data: out };
}
