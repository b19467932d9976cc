/**
 * What each attachment looks like, from its file name, content type and size only: the content is not
 * read (no OCR). The officer opens the files; this says where to look first.
 */
import { foldedWords } from './fold';
import { judgmentRefsInFilename } from './judgment-refs';
import type { AttachmentCheck, AttachmentFacts, AttachmentKind } from './types';

/** Below this, an image is a signature, a logo or an icon pasted by the mail client, not a photo of a page. */
export const TINY_IMAGE_BYTES = 10 * 1024;

export interface ClassifiedAttachment extends AttachmentCheck {
  /** Nothing in the name says what it is: the kind is a guess, and the request form may be inside. */
  guessed: boolean;
}

type Format = 'pdf' | 'image' | 'word' | 'other';

const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'heic', 'heif', 'webp', 'gif', 'bmp', 'tif', 'tiff']);
const WORD_EXTENSIONS = new Set(['doc', 'docx', 'odt', 'rtf']);
const WORD_TYPES = new Set([
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/rtf',
]);

function formatOf(file: AttachmentFacts): Format {
  const type = file.contentType.toLowerCase().split(';')[0]!.trim();
  const extension = /\.([a-z0-9]{1,5})$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  if (type === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (type.startsWith('image/') || IMAGE_EXTENSIONS.has(extension)) return 'image';
  if (WORD_TYPES.has(type) || WORD_EXTENSIONS.has(extension)) return 'word';
  return 'other';
}

/** Whether the folded words of a name contain a phrase, e.g. ["ban", "an"], or its letters run together ("banan"). */
function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  const joined = phrase.join('');
  if (words.includes(joined)) return true;
  return words.some((_, i) => phrase.every((part, j) => words[i + j] === part));
}

const ID_PHRASES = [['cccd'], ['cmnd'], ['cmt'], ['can', 'cuoc'], ['chung', 'minh', 'nhan', 'dan'], ['ho', 'chieu'], ['passport'], ['giay', 'to', 'tuy', 'than']];
const AUTHORIZATION_PHRASES = [['uy', 'quyen']];
const FORM_WORDS = [['don'], ['to', 'khai']];
const FORM_PHRASES = [['yeu', 'cau'], ['de', 'nghi']];
const JUDGMENT_PHRASES = [['ban', 'an'], ['quyet', 'dinh'], ['qd'], ['ba'], ['qdst'], ['qdpt'], ['trich', 'luc']];

const anyOf = (words: readonly string[], phrases: readonly (readonly string[])[]) => phrases.some((p) => hasPhrase(words, p));

const FORMAT_NAMES: Record<Format, string> = { pdf: 'PDF', image: 'Ảnh', word: 'Văn bản Word', other: 'Tệp' };

function kilobytes(size: number): string {
  return size < 1024 ? `${size} byte` : `${Math.round(size / 1024)} kB`;
}

interface NameClass {
  kind: AttachmentKind;
  reason: string;
}

/** What the name alone says, or undefined when it says nothing. */
function byName(file: AttachmentFacts, format: Format, words: readonly string[]): NameClass | undefined {
  const as = FORMAT_NAMES[format];
  if (anyOf(words, ID_PHRASES)) return { kind: 'id-document', reason: `${as}, tên tệp cho thấy giấy tờ tùy thân (CCCD, CMND, hộ chiếu)` };
  if (anyOf(words, AUTHORIZATION_PHRASES)) return { kind: 'other', reason: `${as}, tên tệp cho thấy giấy ủy quyền (người đại diện)` };
  if (anyOf(words, FORM_WORDS)) return { kind: 'request-form', reason: `${as}, tên tệp có “đơn”: có thể là đơn yêu cầu — cần xem chữ ký, ngày tháng` };
  const refs = judgmentRefsInFilename(file.filename);
  if (anyOf(words, JUDGMENT_PHRASES) || refs.length > 0) {
    const named = refs.length > 0 ? `số ${refs.join(', ')}` : '“bản án” hoặc “quyết định”';
    if (format === 'image') return { kind: 'judgment-photo', reason: `Ảnh chụp, tên tệp có ${named}: có thể là bản án, quyết định` };
    return { kind: 'judgment-pdf', reason: `${as}, tên tệp có ${named}: có thể là bản án, quyết định` };
  }
  if (anyOf(words, FORM_PHRASES)) return { kind: 'request-form', reason: `${as}, tên tệp có “yêu cầu” hoặc “đề nghị”: có thể là đơn — cần xem` };
  return undefined;
}

/**
 * Each attachment with its likely kind and the reason, in Vietnamese. A file whose name says nothing
 * is a guess: a photo or PDF is taken for the judgment when no file is named as one (people send
 * "IMG_1234.jpg"), and marked `guessed` so the checks do not treat the guess as found.
 */
export function classifyAttachments(files: readonly AttachmentFacts[]): ClassifiedAttachment[] {
  const named = files.map((file) => {
    const format = formatOf(file);
    const words = foldedWords(file.filename.replace(/\.[a-z0-9]{1,5}$/i, ''));
    return { file, format, byName: format === 'other' ? undefined : byName(file, format, words) };
  });
  const judgmentNamed = named.some((n) => n.byName?.kind === 'judgment-pdf' || n.byName?.kind === 'judgment-photo');
  return named.map(({ file, format, byName: fromName }): ClassifiedAttachment => {
    const base = { filename: file.filename };
    if (file.size === 0) return { ...base, kind: 'other', reason: 'Tệp rỗng (0 byte): cần đề nghị gửi lại', guessed: false };
    if (format === 'other') return { ...base, kind: 'other', reason: `Không phải ảnh, PDF hay văn bản Word (${file.contentType})`, guessed: false };
    if (fromName !== undefined) return { ...base, ...fromName, guessed: false };
    if (format === 'image' && file.size < TINY_IMAGE_BYTES) {
      return { ...base, kind: 'other', reason: `Ảnh rất nhỏ (${kilobytes(file.size)}): có lẽ là chữ ký thư hoặc logo, không phải ảnh chụp giấy tờ`, guessed: false };
    }
    if (format === 'word') return { ...base, kind: 'request-form', reason: 'Văn bản Word, tên tệp không nói rõ: thường là đơn soạn sẵn — cần xem', guessed: true };
    if (!judgmentNamed) {
      return format === 'image'
        ? { ...base, kind: 'judgment-photo', reason: 'Ảnh chụp, tên tệp không nói rõ: có thể là bản án — cần xem', guessed: true }
        : { ...base, kind: 'judgment-pdf', reason: 'PDF, tên tệp không nói rõ: có thể là bản án — cần xem', guessed: true };
    }
    return { ...base, kind: 'other', reason: `${FORMAT_NAMES[format]}, tên tệp không nói rõ (đã có tệp bản án khác): có thể là đơn hoặc giấy tờ khác — cần xem`, guessed: true };
  });
}
