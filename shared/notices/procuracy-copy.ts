import type { Office } from '../offices/directory';
import type { Citation } from '../procedures/legal-basis';
import { staffSignature, type Notice, type NoticeAttachment, type ProcedureWording } from './common';
import { decisionFilename, decisionTitle, type DecisionFacts } from './decision';
import { dayOf, fileSafe } from './format';

/** One decision a dispatch carries: its case, what it is, the law that has it sent, and its PDF. */
export interface DispatchedDecision {
  caseId: string;
  procedure: Pick<ProcedureWording, 'result'>;
  decision: DecisionFacts;
  /** The provision that has it sent to the procuracy, in the law in force on the day its request was received. */
  provision: Citation;
  pdf: Buffer;
}

export interface ProcuracyDispatchFacts {
  office: Office;
  /** The procuracy at the office's level, e.g. "Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh"; its mailbox is office.procuracyEmail. */
  procuracyName: string;
  decisions: readonly DispatchedDecision[];
  /** The day of the dispatch (its assignment): the letter's date, the same on every retry. */
  issuedAt: string | Date;
  /** Its place among the e-mails of the same day's dispatch, when the decisions did not fit in one. */
  part?: { part: number; parts: number };
}

/** The attachment's name: the case id first, so that two decisions with the same number never share a name. */
export const dispatchedFilename = (d: Pick<DispatchedDecision, 'caseId' | 'decision' | 'procedure'>) => `${fileSafe(d.caseId)} - ${decisionFilename(d.decision, d.procedure)}`;

/**
 * The covering letter of an office's daily dispatch to its procuracy: the decisions on enforcement issued
 * since the last one, listed (case, number, date, signer), each attached. Its recipients are listed under
 * "Nơi nhận" as an administrative letter lists them (Nghị định 30/2020/NĐ-CP), not "sao gửi".
 */
export function procuracyDispatchNotice({ office, procuracyName, decisions, issuedAt, part }: ProcuracyDispatchFacts): Notice {
  const procuracy = procuracyName.trim();
  if (!/^Viện kiểm sát nhân dân\b/.test(procuracy)) throw new RangeError(`"${procuracyName}" is not the name of a procuracy (Viện kiểm sát nhân dân ...)`);
  if (decisions.length === 0) throw new RangeError('a dispatch to the procuracy carries at least one decision');
  const attachments: NoticeAttachment[] = decisions.map((d) => {
    if (d.pdf.length === 0) throw new RangeError(`the PDF of decision ${d.decision.number} (case ${d.caseId}) is empty`);
    return { filename: dispatchedFilename(d), content: d.pdf, contentType: 'application/pdf' };
  });
  const provisions = [...new Set(decisions.map((d) => d.provision.text))];
  const day = dayOf(issuedAt);
  const partText = part && part.parts > 1 ? ` (thư ${part.part}/${part.parts})` : '';
  const count = decisions.length === 1 ? '01 quyết định' : `${String(decisions.length).padStart(2, '0')} quyết định`;
  const text = [
    `Kính gửi: ${procuracy},`,
    '',
    `Căn cứ ${provisions.join('; ')}, ${office.name} gửi ${procuracy} ${count} về thi hành án dưới đây${partText}:`,
    '',
    ...decisions.map((d, i) => `  ${i + 1}. ${decisionTitle(d.decision, d.procedure)}, do ${d.decision.signer.title} ${d.decision.signer.name} ký; mã hồ sơ ${d.caseId}; tệp đính kèm: ${attachments[i]!.filename}.`),
    '',
    `Các quyết định được đính kèm thư này theo thứ tự trên. Mọi trao đổi về một quyết định xin gửi ${office.email}, ghi mã hồ sơ của quyết định trong tiêu đề thư.`,
    '',
    'Nơi nhận:',
    `  - ${procuracy} (để kiểm sát);`,
    `  - Lưu: hồ sơ ${decisions.map((d) => d.caseId).join(', ')}.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: `V/v gửi ${count} về thi hành án - ${office.name} - ngày ${day}${partText}`, text, attachments };
}
