/**
 * What a judgment or decision says, read from its text (a PDF's own text, or OCR): the court, its
 * number and date, the parties and their roles, the amounts, the obligations of the operative part
 * and the date it took effect. A pure function of the pages read. Everything found is a hint the
 * officer confirms: each carries a confidence (0..1) and where it was found (page, line).
 */
import { foldForComparison } from '../checks/fold';
import { judgmentRefsInText } from '../checks/judgment-refs';
import { figureValue, wordsValue } from './amount-words';

export interface PageText {
  /** 1-based, as the document numbers them. */
  page: number;
  text: string;
  /** How sure the reader was of this page's text, 0..1 (1 for a PDF's own text layer). */
  confidence: number;
}

export interface Where {
  page: number;
  /** 1-based line on the page. */
  line: number;
}

export interface Found<T> {
  value: T;
  confidence: number;
  where: Where;
  /** As written on the page (for the officer to compare). */
  written: string;
  /** Why the confidence is lower than the page's, in Vietnamese. */
  doubts?: string[];
}

export type PartyRole = 'plaintiff' | 'defendant' | 'related-party' | 'creditor' | 'debtor' | 'requester' | 'appellant' | 'representative';

export interface Party {
  role: PartyRole;
  name: string;
}

export interface Amount {
  /** In đồng, from the figures. */
  value: number;
  /** From the words beside the figures, when there are words. */
  inWords?: number;
  /** Whether figures and words agree (undefined when there are no words). */
  wordsAgree?: boolean;
}

export interface JudgmentReading {
  kind?: Found<'judgment' | 'decision'>;
  court?: Found<string>;
  /** "15/2026/DS-ST". */
  number?: Found<string>;
  /** From the number: first instance (-ST, QĐST-) or appeal (-PT, QĐPT-). */
  level?: 'first-instance' | 'appeal' | 'cassation' | 'reopening';
  /** yyyy-mm-dd. */
  date?: Found<string>;
  parties: Array<Found<Party>>;
  amounts: Array<Found<Amount>>;
  obligations: Array<Found<string>>;
  /** yyyy-mm-dd, where the text states it (or, for an appeal, "from the day it is pronounced": its date). */
  effectiveDate?: Found<string>;
}

interface Line {
  page: number;
  line: number;
  text: string;
  folded: string;
  confidence: number;
}

function linesOf(pages: readonly PageText[]): Line[] {
  return pages.flatMap((p) =>
    p.text
      .normalize('NFC')
      .split(/\r?\n/)
      .map((raw, i) => {
        const text = raw.replace(/\s+/g, ' ').trim();
        // Folding keeps one character for one character (NFC in, NFC out), so a span found folded is cut from the text.
        return { page: p.page, line: i + 1, text, folded: foldForComparison(text), confidence: clamp(p.confidence) };
      })
      .filter((l) => l.text !== ''),
  );
}

const clamp = (c: number) => Math.max(0, Math.min(1, c));
const round = (c: number) => Math.round(clamp(c) * 100) / 100;

function found<T>(value: T, line: Line, written: string, factor: number, doubts: string[] = []): Found<T> {
  return { value, confidence: round(line.confidence * factor), where: { page: line.page, line: line.line }, written, ...(doubts.length ? { doubts } : {}) };
}

// ---- dates ----

/** "10/01/2026", "10-01-2026", "10.01.2026", "ngày 10 tháng 01 năm 2026" (folded). */
const DATE = /(\d{1,2})\s*(?:\/|-|\.|\s+thang\s+)\s*(\d{1,2})\s*(?:\/|-|\.|\s+nam\s+)\s*(\d{4})/g;

function datesIn(folded: string): Array<{ iso: string; written: string; index: number; year: number }> {
  const dates: Array<{ iso: string; written: string; index: number; year: number }> = [];
  for (const m of folded.matchAll(DATE)) {
    const [written, d, mo, y] = m;
    const day = Number(d);
    const month = Number(mo);
    const year = Number(y);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1950 || year > 2100) continue;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCDate() !== day) continue; // 31/02
    dates.push({ iso: date.toISOString().slice(0, 10), written: written!.trim(), index: m.index ?? 0, year });
  }
  return dates;
}

// ---- the heading: kind, number, date, court ----

/** The heading is in the first lines of the first page; a number further on is another judgment's (the one appealed, a cited decision). */
const HEADING_LINES = 25;
const LEVELS: Array<[RegExp, NonNullable<JudgmentReading['level']>]> = [
  [/GDT/, 'cassation'],
  [/TT$|-TT|QDTT/, 'reopening'],
  [/PT/, 'appeal'],
  [/ST/, 'first-instance'],
];

export function levelOf(number: string): JudgmentReading['level'] {
  const folded = foldForComparison(number).toUpperCase().split('/').at(-1) ?? '';
  return LEVELS.find(([pattern]) => pattern.test(folded))?.[1];
}

function readHeading(lines: Line[], reading: JudgmentReading) {
  const first = lines.filter((l) => l.page === lines[0]?.page).slice(0, HEADING_LINES);
  for (const [i, line] of first.entries()) {
    const [ref] = judgmentRefsInText(line.text);
    if (!ref) continue;
    const named = /\b(ban an|quyet dinh|so)\b/.test(line.folded);
    reading.number = found(ref, line, line.text, named ? 0.95 : 0.75);
    reading.level = levelOf(ref);
    reading.kind = found(/quyet dinh|\bqd/.test(line.folded) || /QĐ|QD/i.test(ref.split('/')[2] ?? '') ? 'decision' : 'judgment', line, line.text, /ban an|quyet dinh/.test(line.folded) ? 0.95 : 0.7);
    // The date is on the number's line or just below it ("Ngày: 10-01-2026").
    for (const next of first.slice(i, i + 3)) {
      const [date] = datesIn(next.folded);
      if (!date) continue;
      const year = Number(ref.split('/')[1]);
      const doubts = date.year === year ? [] : [`năm ${date.year} khác năm của số bản án (${year}): có thể đọc sai chữ số`];
      reading.date = found(date.iso, next, next.text, doubts.length ? 0.4 : 0.95, doubts);
      break;
    }
    break;
  }
  reading.court = courtIn(lines);
}

/** The right column of the two-column heading, which OCR may join to the court's line. */
const RIGHT_COLUMN = /\s*(cong hoa xa hoi chu nghia viet nam|doc lap\s*-?\s*tu do\s*-?\s*hanh phuc)\s*/g;

/** Cut the folded span [start, end) out of the original line (folding keeps one letter for one letter). */
const unfoldedSpan = (line: Line, start: number, end: number) => line.text.slice(start, end).replace(/[\s,.:;-]+$/, '').trim();

function courtIn(lines: Line[]): Found<string> | undefined {
  // Best: the line under "NHÂN DANH NƯỚC CỘNG HÒA…", the court's full name on one line.
  const inTheNameOf = lines.findIndex((l) => /^(nhan danh )?nuoc cong hoa xa hoi chu nghia viet nam$/.test(l.folded));
  const named = inTheNameOf >= 0 ? lines.slice(inTheNameOf + 1, inTheNameOf + 3).find((l) => /^toa an nhan dan\b/.test(l.folded)) : undefined;
  if (named) return found(named.text.replace(/\s+/g, ' '), named, named.text, 0.95);
  // Else the heading: "TÒA ÁN NHÂN DÂN" and the line below (its district or province), without the right column.
  const heading = lines.slice(0, HEADING_LINES).findIndex((l) => /\btoa an nhan dan\b/.test(l.folded));
  if (heading < 0) return undefined;
  const line = lines[heading]!;
  const start = line.folded.indexOf('toa an nhan dan');
  const cut = (l: Line, from: number) => {
    const rest = l.folded.slice(from);
    const right = rest.search(RIGHT_COLUMN);
    return unfoldedSpan(l, from, right < 0 ? l.folded.length : from + right);
  };
  let name = cut(line, start);
  const below = lines[heading + 1];
  if (below && below.page === line.page && !/\b(so|ban an|quyet dinh|ngay)\b/.test(below.folded.replace(RIGHT_COLUMN, ' ').trim().slice(0, 12))) {
    const more = cut(below, 0);
    if (more && /^(khu vuc|tinh|thanh pho|tp|cap cao|toi cao|huyen|quan|thi xa)\b/.test(foldForComparison(more))) name = `${name} ${more}`;
  }
  return name.length > 'TÒA ÁN NHÂN DÂN'.length ? found(name, line, line.text, 0.8) : found(name, line, line.text, 0.5, ['chỉ thấy "Tòa án nhân dân", không rõ cấp nào']);
}

// ---- parties ----

const ROLES: Array<[RegExp, PartyRole]> = [
  [/^nguyen don\b/, 'plaintiff'],
  [/^bi don\b/, 'defendant'],
  [/^nguoi co quyen loi,? nghia vu lien quan\b/, 'related-party'],
  [/^nguoi duoc thi hanh an\b/, 'creditor'],
  [/^nguoi phai thi hanh an\b/, 'debtor'],
  [/^nguoi yeu cau\b/, 'requester'],
  [/^nguoi khang cao\b/, 'appellant'],
  [/^nguoi dai dien\b/, 'representative'],
];
/** Titles before a name, and what ends the name: a comma, "sinh năm", an address, a parenthesis. */
const TITLE = /^(ong|ba|anh|chi|cu|em)\s+/i;
const NAME_END = /[,;(]|\s-\s|\s+(sinh|sn|nam sinh|dia chi|cu tru|tru tai|co mat|vang mat)\b/;

function readParties(lines: Line[]): Array<Found<Party>> {
  const parties: Array<Found<Party>> = [];
  for (const line of lines) {
    const folded = line.folded.replace(/^[-+•*\s\d.)]+/, '');
    const offset = line.folded.length - folded.length;
    const role = ROLES.find(([pattern]) => pattern.test(folded));
    if (!role) continue;
    const colon = folded.indexOf(':');
    if (colon < 0) continue;
    const after = folded.slice(colon + 1);
    const lead = after.length - after.trimStart().length;
    const titled = after.trimStart().match(TITLE);
    const from = offset + colon + 1 + lead + (titled?.[0].length ?? 0);
    const rest = line.folded.slice(from);
    const end = rest.search(NAME_END);
    const name = unfoldedSpan(line, from, end < 0 ? line.folded.length : from + end);
    // A name is a few capitalised words (or an organisation: "Ngân hàng…", "Công ty…").
    const words = name.split(/\s+/);
    if (words.length < 2 || words.length > 12) continue;
    const capitalised = words.every((w) => /^[A-ZÀ-ỸĐ0-9]/.test(w.normalize('NFC')) || /^(cổ|phần|trách|nhiệm|hữu|hạn|thương|mại|và|một|thành|viên)$/.test(w.toLowerCase()));
    parties.push(found({ role: role[1], name }, line, line.text, capitalised ? 0.9 : 0.6, capitalised ? [] : ['tên không viết hoa như thường lệ: kiểm tra']));
  }
  return parties;
}

// ---- amounts ----

/** "150.000.000 đồng (Một trăm năm mươi triệu đồng)", "150,000,000đ", "150.000.000 VNĐ (bằng chữ: …)". */
const AMOUNT = /(\d{1,3}(?:[.,]\s?\d{3})+|\d{4,})\s*(đồng|đ\b|vnđ|vnd)\s*(?:\(\s*(?:bằng chữ\s*:?\s*)?([^)]{3,160})\))?/gi;

/** How many lines after its figures an amount's "đồng" and words may still run. */
const AMOUNT_RUNS_ON = 2;

function readAmounts(lines: Line[]): Array<Found<Amount>> {
  const amounts: Array<Found<Amount>> = [];
  // A page wraps an amount anywhere: its "đồng" and its words may run onto the next two lines
  // ("… số tiền 150.000.000" / "đồng (Một trăm năm mươi triệu" / "đồng)."). Each line is read with the two
  // after it on its page, and an amount counts on the line where its figures begin.
  for (const [i, line] of lines.entries()) {
    const following = lines.slice(i + 1, i + 1 + AMOUNT_RUNS_ON).filter((next) => next.page === line.page);
    const text = [line, ...following].map((l) => l.text).join(' ');
    for (const m of text.matchAll(AMOUNT)) {
      if ((m.index ?? 0) >= line.text.length) continue; // it starts on the next line: read there
      const figure = figureValue(m[1]!);
      if (!figure || figure.value < 1000) continue;
      const words = m[3] ? wordsValue(m[3]) : undefined;
      const doubts: string[] = [];
      if (figure.mixedSeparators) doubts.push(`số viết lẫn dấu chấm và dấu phẩy ("${m[1]}"): có thể đọc sai`);
      if (words !== undefined && words !== figure.value) doubts.push(`số bằng chữ (${words.toLocaleString('vi-VN')}) khác số bằng số: kiểm tra`);
      if (m[3] && words === undefined) doubts.push('không đọc được số bằng chữ');
      const factor = words === figure.value ? 0.98 : doubts.length ? 0.4 : 0.75;
      amounts.push(found({ value: figure.value, ...(words === undefined ? {} : { inWords: words, wordsAgree: words === figure.value }) }, line, m[0].trim(), factor, doubts));
    }
  }
  return amounts;
}

// ---- the operative part ----

/** The operative part begins at "QUYẾT ĐỊNH:" (a judgment) or "XỬ:", on a line of its own, after the reasons. */
const OPERATIVE_HEADING = /^(quyet dinh|xu)\s*:?$/;
const OBLIGATION = /\b(buoc|phai tra|phai thanh toan|phai giao|phai boi thuong|phai chiu|co nghia vu|phai cap duong|phai tiep tuc|chiu trach nhiem tra)\b/;
const SENTENCE_LIMIT = 400;

function readObligations(lines: Line[]): Array<Found<string>> {
  // The last heading: "QUYẾT ĐỊNH" also heads the first page of a decision.
  const heading = lines.findLastIndex((l) => OPERATIVE_HEADING.test(l.folded.replace(/[^a-z\s:]/g, '').trim()));
  const operative = heading >= 0 ? lines.slice(heading + 1) : lines;
  // Sentences, each from the line it starts on: a sentence ends where a line ends with a full stop (or a colon).
  const sentences: Array<{ first: Line; text: string }> = [];
  for (const line of operative) {
    const open = sentences.at(-1);
    if (open && !/[.;:]$/.test(open.text) && open.first.page === line.page && open.text.length < SENTENCE_LIMIT) open.text += ` ${line.text}`;
    else sentences.push({ first: line, text: line.text });
  }
  const obligations = sentences
    .filter((s) => OBLIGATION.test(foldForComparison(s.text)))
    .map((s) => found(s.text.slice(0, SENTENCE_LIMIT), s.first, s.first.text, heading >= 0 ? 0.85 : 0.5, heading >= 0 ? [] : ['không thấy phần "QUYẾT ĐỊNH": có thể là đoạn trích dẫn']));
  return obligations;
}

// ---- when it took effect ----

const TOOK_EFFECT = /co hieu luc (phap luat )?(ke )?tu ngay/;
const FROM_PRONOUNCEMENT = /co hieu luc (phap luat )?(ngay|ke tu ngay tuyen an|tu ngay tuyen an)/;

function readEffectiveDate(lines: Line[], reading: JudgmentReading): Found<string> | undefined {
  for (const line of lines) {
    const at = line.folded.search(TOOK_EFFECT);
    if (at >= 0) {
      const date = datesIn(line.folded.slice(at)).at(0);
      if (date) return found(date.iso, line, line.text, 0.9);
    }
    if (FROM_PRONOUNCEMENT.test(line.folded) && reading.date) return found(reading.date.value, line, line.text, 0.8, ['có hiệu lực từ ngày tuyên án: ngày của bản án']);
  }
  return undefined;
}

/** Everything a judgment's pages say that the desk needs, each with a confidence and where it was found. */
export function extractJudgment(pages: readonly PageText[]): JudgmentReading {
  const lines = linesOf(pages);
  const reading: JudgmentReading = { parties: [], amounts: [], obligations: [] };
  if (lines.length === 0) return reading;
  readHeading(lines, reading);
  reading.parties = readParties(lines);
  reading.amounts = readAmounts(lines);
  reading.obligations = readObligations(lines);
  const effective = readEffectiveDate(lines, reading);
  if (effective) reading.effectiveDate = effective;
  return reading;
}
