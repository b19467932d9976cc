/**
 * Which procedure a message is probably about, from the recognition hints of the catalog. Requests for
 * enforcement are the common case and the fallback; the other procedures have words of their own
 * ("khiếu nại", "thay đổi chấp hành viên") that outweigh the generic "đơn yêu cầu" they also use.
 *
 * Questions and feedback (the catalog's procedures of flow `answer`: "xin hỏi", "thắc mắc", "phản ánh", "kiến
 * nghị") are read apart, because people ask questions inside their requests too ("… Xin hỏi khi nào tôi được
 * hẹn?"). A message is a question only when nothing in it is a request outside its questions: see askedOnly.
 */
import type { Procedure, ProcedureCatalog } from '../procedures/catalog';
import { findHits, prepareText, type Hit, type PreparedText } from './detect';
import type { Confidence, LikelyProcedure } from './types';

interface Evidence {
  procedure: Procedure;
  subjectHits: Hit[];
  bodyHits: Hit[];
}

const distinctHints = (hits: readonly Hit[]) => new Set(hits.map((h) => h.hint.toLowerCase())).size;
const score = (e: Evidence) => 3 * distinctHints(e.subjectHits) + distinctHints(e.bodyHits);
const matched = (e: Evidence) => e.subjectHits.length + e.bodyHits.length > 0;

function describe(e: Evidence, max = 2): string[] {
  return [
    ...e.subjectHits.slice(0, max).map((h) => `tiêu đề có “${h.found}”: ${h.excerpt}`),
    ...e.bodyHits.slice(0, max).map((h) => `nội dung có “${h.found}”: ${h.excerpt}`),
  ];
}

function result(winner: Evidence, confidence: Confidence, others: readonly Evidence[]): LikelyProcedure {
  return {
    code: winner.procedure.code,
    confidence,
    evidence: [...describe(winner), ...others.map((o) => `cũng có dấu hiệu của “${o.procedure.name}”: ${describe(o, 1).join('; ')}`)],
  };
}

/**
 * The rules, in order: a specific procedure named in the subject; the fallback named in the subject;
 * a specific procedure named in the text (or a file name); the fallback named in the text; else the
 * fallback with low confidence. High confidence needs the subject and no rival.
 */
export function likelyProcedure(catalog: ProcedureCatalog, subject: PreparedText, body: PreparedText): LikelyProcedure {
  const evidence = catalog.procedures.filter((p) => !isQuestion(p)).map((procedure) => evidenceOf(procedure, subject, body));
  const question = catalog.procedures.find(isQuestion);
  return (question && askedOnly(evidenceOf(question, subject, body), evidence, body)) ?? requested(catalog, evidence);
}

/** The procedures a message names by asking, not by requesting: general questions and feedback. */
const isQuestion = (procedure: Procedure) => procedure.flow === 'answer';

function evidenceOf(procedure: Procedure, subject: PreparedText, body: PreparedText): Evidence {
  return {
    procedure,
    subjectHits: findHits(subject, procedure.recognize).filter((h) => !h.excluded),
    bodyHits: findHits(body, procedure.recognize).filter((h) => !h.excluded),
  };
}

/** A sentence that asks: it ends with a question mark or holds a question's words ("xin hỏi", "thắc mắc"). */
const SENTENCES = /[^.!?…\n]*(?:[.!?…]+|\n|$)/g;

/** The text without the sentences in which the question's cues were found, nor those that end with "?". */
function withoutQuestions(body: PreparedText, questionHits: readonly Hit[]): PreparedText {
  const kept: string[] = [];
  for (const match of body.original.matchAll(SENTENCES)) {
    const start = match.index;
    const end = start + match[0].length;
    const asks = match[0].trim().endsWith('?') || questionHits.some((h) => h.start < end && h.end > start);
    if (!asks) kept.push(match[0]);
  }
  return prepareText(kept.join(' '));
}

/**
 * Whether the message only asks (or gives feedback), with how sure that is; undefined when it requests something:
 * - the subject names a question ("Xin hỏi về thủ tục …", "Phản ánh việc …") before anything a procedure is
 *   named by, or nothing else: a question (high confidence when the text requests nothing either);
 * - the subject names a procedure first ("Đơn yêu cầu thi hành án - xin hỏi"): the request;
 * - the subject names nothing: a question when its text asks and, once its questions are taken out, names no
 *   procedure ("Tôi muốn yêu cầu thi hành án thì cần giấy tờ gì?" asks; "Tôi làm đơn yêu cầu thi hành án …
 *   Xin hỏi bao giờ được hẹn?" requests).
 */
function askedOnly(question: Evidence, others: readonly Evidence[], body: PreparedText): LikelyProcedure | undefined {
  const rest = withoutQuestions(body, question.bodyHits);
  const requestedInText = others.filter((e) => findHits(rest, e.procedure.recognize).some((h) => !h.excluded));
  const rivals = others.filter(matched);
  const firstInSubject = Math.min(...others.flatMap((e) => e.subjectHits.map((h) => h.start)));
  if (question.subjectHits.length > 0) {
    if (Math.min(...question.subjectHits.map((h) => h.start)) > firstInSubject) return undefined;
    return result(question, rivals.length === 0 ? 'high' : requestedInText.length === 0 && firstInSubject === Infinity ? 'medium' : 'low', rivals);
  }
  if (firstInSubject !== Infinity || question.bodyHits.length === 0 || requestedInText.length > 0) return undefined;
  return result(question, 'medium', rivals);
}

/** The procedure a request names (or the fallback), when the message is not a question. */
function requested(catalog: ProcedureCatalog, evidence: readonly Evidence[]): LikelyProcedure {
  const fallback = evidence.find((e) => e.procedure.code === catalog.fallbackProcedure)!;
  const specific = evidence.filter((e) => e !== fallback && matched(e)).sort((a, b) => score(b) - score(a));

  const inSubject = specific.filter((e) => e.subjectHits.length > 0);
  if (inSubject.length > 0) {
    const [winner, ...rivals] = [...inSubject, ...specific.filter((e) => !inSubject.includes(e))];
    const tied = inSubject.length > 1 && score(inSubject[0]!) === score(inSubject[1]!);
    return result(winner!, tied ? 'low' : rivals.length > 0 ? 'medium' : 'high', rivals);
  }
  if (fallback.subjectHits.length > 0) return result(fallback, specific.length > 0 ? 'medium' : 'high', specific);
  if (specific.length > 0) {
    const [winner, ...rivals] = specific;
    const tied = rivals.length > 0 && score(winner!) === score(rivals[0]!);
    return result(winner!, tied ? 'low' : 'medium', rivals);
  }
  if (fallback.bodyHits.length > 0) return result(fallback, 'medium', []);
  return {
    code: fallback.procedure.code,
    confidence: 'low',
    evidence: [`không thấy từ khóa của thủ tục nào; mặc định là “${fallback.procedure.name}”`],
  };
}
