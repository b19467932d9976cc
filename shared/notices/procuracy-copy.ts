import type { Office } from '../offices/directory';
import type { Citation } from '../procedures/legal-basis';
import { staffSignature, taggedSubject, type CaseFacts, type Notice, type ProcedureWording } from './common';
import { decisionAttachment, decisionTitle, type DecisionFacts } from './decision';

export interface ProcuracyCopyFacts {
  caseRecord: CaseFacts;
  office: Office;
  procedure: Pick<ProcedureWording, 'result'>;
  decision: DecisionFacts;
  pdf: Buffer;
  /** The procuracy at the office's level, e.g. "Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh"; its mailbox is office.procuracyEmail. */
  procuracyName: string;
  /** The provision that has decisions sent to the procuracy, in the law in force on the day of receipt. */
  provision: Citation;
}

/**
 * The cover letter that sends the decision to the procuracy, the decision attached. Its recipients are listed
 * under "Nơi nhận" as an administrative letter lists them (Nghị định 30/2020/NĐ-CP), not "sao gửi".
 */
export function procuracyCopyNotice({ caseRecord, office, procedure, decision, pdf, procuracyName, provision }: ProcuracyCopyFacts): Notice {
  const procuracy = procuracyName.trim();
  if (!/^Viện kiểm sát nhân dân\b/.test(procuracy)) throw new RangeError(`"${procuracyName}" is not the name of a procuracy (Viện kiểm sát nhân dân ...)`);
  const file = decisionAttachment(decision, procedure, pdf);
  const title = decisionTitle(decision, procedure);
  const text = [
    `Kính gửi: ${procuracy},`,
    '',
    `Căn cứ ${provision.text}, ${office.name} gửi ${procuracy} ${title} do ${decision.signer.title} ${decision.signer.name} ký (mã hồ sơ ${caseRecord.caseId}).`,
    `Quyết định được đính kèm thư này (tệp ${file.filename}).`,
    `Mọi trao đổi về quyết định này xin gửi ${office.email}, giữ nguyên mã hồ sơ trong tiêu đề thư.`,
    '',
    'Nơi nhận:',
    `  - ${procuracy} (để kiểm sát);`,
    `  - Lưu: hồ sơ ${caseRecord.caseId}.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject(`Gửi Viện kiểm sát ${title}`, caseRecord.caseId), text, attachments: [file] };
}
