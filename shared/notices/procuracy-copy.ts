import type { Office } from '../offices/directory';
import { staffSignature, taggedSubject, type CaseFacts, type Notice } from './common';
import { decisionAttachment, decisionTitle, type DecisionFacts } from './decision';

export interface ProcuracyCopyFacts {
  caseRecord: CaseFacts;
  office: Office;
  decision: DecisionFacts;
  pdf: Buffer;
  /** The procuracy at the office's level, e.g. "Viện kiểm sát nhân dân khu vực 1 - Thành phố Hồ Chí Minh"; its mailbox is office.procuracyEmail. */
  procuracyName: string;
}

/** The cover letter that sends a copy of the decision to the procuracy (sao gửi Viện kiểm sát), the decision attached. */
export function procuracyCopyNotice({ caseRecord, office, decision, pdf, procuracyName }: ProcuracyCopyFacts): Notice {
  const procuracy = procuracyName.trim();
  if (!/^Viện kiểm sát nhân dân\b/.test(procuracy)) throw new RangeError(`"${procuracyName}" is not the name of a procuracy (Viện kiểm sát nhân dân ...)`);
  const file = decisionAttachment(decision, pdf);
  const text = [
    `Kính gửi: ${procuracy},`,
    '',
    `Thực hiện quy định của pháp luật về thi hành án dân sự, ${office.name} sao gửi ${procuracy} ${decisionTitle(decision)} do ${decision.signer.title} ${decision.signer.name} ký (mã hồ sơ ${caseRecord.caseId}).`,
    `Quyết định được đính kèm thư này (tệp ${file.filename}).`,
    `Mọi trao đổi về quyết định này xin gửi ${office.email}, giữ nguyên mã hồ sơ trong tiêu đề thư.`,
    '',
    'Nơi nhận:',
    `  - ${procuracy} (để kiểm sát);`,
    `  - Lưu: hồ sơ ${caseRecord.caseId}.`,
    '',
    ...staffSignature(office),
  ].join('\n');
  return { subject: taggedSubject(`Sao gửi Viện kiểm sát: ${decisionTitle(decision)}`, caseRecord.caseId), text, attachments: [file] };
}
