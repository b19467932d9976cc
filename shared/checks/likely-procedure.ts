/**
 * Which procedure a message is probably about, from the recognition hints of the catalog. Requests for
 * enforcement are the common case and the fallback; the other procedures have words of their own
 * ("khiếu nại", "thay đổi chấp hành viên") that outweigh the generic "đơn yêu cầu" they also use.
 */
import type { Procedure, ProcedureCatalog } from '../procedures/catalog';
import { findHits, type Hit, type PreparedText } from './detect';
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
  const evidence = catalog.procedures.map(
    (procedure): Evidence => ({
      procedure,
      subjectHits: findHits(subject, procedure.recognize).filter((h) => !h.excluded),
      bodyHits: findHits(body, procedure.recognize).filter((h) => !h.excluded),
    }),
  );
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
