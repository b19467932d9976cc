/**
 * Every notice a requester can receive, rendered the way the notify function renders it (prepareNotice on a case
 * that the workflow's own steps moved: the receipt slip and the decision recorded by result-steps), for each
 * one-stop procedure and for complaints, then read back: the text, and the PDFs turned into text.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent } from '../../../shared/cases/model';
import { prepareNotice, type NoticeKind } from '../../../shared/notices/case-notices';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { recordDecision, recordVisit, type ResultPorts } from '../../../shared/workflow/result-steps';
import { MemoryCases } from '../api/fakes';
import { opaquePdf, pdfText, procedureOf } from '../documents/lifecycle-fixtures';

const ONE_STOP = ['enforcement-request', 'result-confirmation', 'officer-change', 'coercion-cost-reduction', 'fee-reduction'] as const;

const ENFORCEMENT_WORDING = [/yêu cầu thi hành án/i, /quyết định thi hành án/i, /thi hành án theo yêu cầu/i];

const receivedAt = '2026-11-23T09:30:00+07:00';

interface Rendered {
  kind: NoticeKind;
  subject: string;
  text: string;
  /** The text of each PDF the notice carries. */
  pdfs: string[];
}

/** A case of a procedure that the result steps took through the visit and the decision, with the review outcome given. */
async function caseOf(code: string, reviewOutcome: Record<string, unknown>, requesterName = 'Nguyễn Văn An') {
  const cases = new MemoryCases();
  const procedure = procedureOf(code);
  const caseId = 'HCMKV1-2026-000042';
  const message: NewEvent = {
    type: 'message-received',
    at: receivedAt,
    actor: { kind: 'requester', address: 'an.nguyen@example.com' },
    data: { subject: procedure.name, attachments: [{ name: 'ban-an-123-2026-DS-PT.jpg', contentType: 'image/jpeg', size: 80_000 }] },
  };
  const reviewed: NewEvent = { type: 'step-completed', at: '2026-11-24T10:00:00+07:00', actor: { kind: 'officer', id: 'o1' }, data: { step: 'review', outcome: reviewOutcome } };
  cases.add(
    {
      caseId,
      office: 'HCMKV1',
      procedure: code,
      flow: procedure.flow,
      requester: { address: 'an.nguyen@example.com', name: requesterName },
      subject: procedure.name,
      receivedAt,
      deadlines: {
        // recordReceipt starts one first clock: the registration of a complaint, the review of a one-stop request
        ...(procedure.flow === 'guidance'
          ? { registration: { dueAt: '2026-11-30T17:00:00+07:00', startedAt: receivedAt, calendarVersion: 'test', rule: 'test' } }
          : { review: { dueAt: '2026-11-24T17:00:00+07:00', startedAt: receivedAt, calendarVersion: 'test', rule: 'test' } }),
        'requester-reply': { dueAt: '2026-12-08T17:00:00+07:00', startedAt: receivedAt, calendarVersion: 'test', rule: 'test' },
      },
      appointment: {
        slot: { office: 'HCMKV1', date: '2026-11-26', session: 'sáng', start: '2026-11-26T08:00:00+07:00', end: '2026-11-26T11:30:00+07:00' },
        reminderAt: '2026-11-25T08:00:00+07:00',
        bookedAt: '2026-11-24T10:00:00+07:00',
        attempt: 1,
        missed: 0,
      },
      closure: { reason: 'withdrawn', at: '2026-11-27T10:00:00+07:00' },
    },
    [message, reviewed],
  );
  const documents = new Map<string, Buffer>();
  let now = new Date('2026-11-26T09:00:00+07:00');
  const ports: ResultPorts = {
    cases: cases.repository,
    directory: officeDirectory,
    clock: { now: () => now },
    procedureOf,
    storeDocument: async (key, content) => {
      documents.set(key, content);
      return { bucket: 'documents', key };
    },
  };
  await recordVisit(caseId, { collection: 'at-desk', requester: { name: requesterName, address: 'Số 45 đường Lê Lợi, phường Bến Thành, Thành phố Hồ Chí Minh' } }, ports);
  now = new Date('2026-12-01T10:00:00+07:00');
  documents.set('decision.pdf', opaquePdf);
  await recordDecision(caseId, { number: '15/QĐ-THADS', date: '2026-12-01', signer: { name: 'Lê Văn Minh', title: 'Trưởng phòng' }, document: { name: 'kết quả.pdf', contentType: 'application/pdf', bucket: 'documents', key: 'decision.pdf' } }, ports);
  await cases.repository.changeCase(caseId, (current) => ({
    update: {
      delays: [
        {
          step: 'decision',
          recordedAt: '2026-12-01T09:00:00+07:00',
          by: { kind: 'officer', id: 'o1', name: 'Trần Thị Bích' },
          reason: 'Cần xác minh thêm với Tòa án nhân dân Thành phố Hồ Chí Minh về bản án',
          originalDueAt: current.deadlines.decision!.dueAt,
          newDueAt: new Date(new Date(current.deadlines.decision!.dueAt).getTime() + 7 * 24 * 3600_000).toISOString(),
        },
      ],
    },
    events: [],
  }));

  /** Renders a notice as notify would at `now` (after the decision's deadline for the fallback apology). */
  async function render(kind: NoticeKind, step?: string, now = kind === 'apology' ? '2026-12-28T09:00:00+07:00' : '2026-12-02T08:30:00+07:00'): Promise<Rendered> {
    const record = (await cases.repository.requireCase(caseId)) as CaseRecord;
    const prepared = await prepareNotice(kind, {
      caseRecord: record,
      events: await cases.repository.listEvents(caseId),
      directory: officeDirectory,
      procedure,
      now: new Date(now),
      ...(step ? { step } : {}),
      readDocument: async (ref) => documents.get(ref.key)!,
    });
    const pdfs = await Promise.all((prepared.notice.attachments ?? []).filter((a) => a.contentType === 'application/pdf' && a.content !== opaquePdf).map(async (a) => (await pdfText(a.content)).text));
    return { kind, subject: prepared.notice.subject, text: prepared.notice.text, pdfs };
  }
  return { procedure, render };
}

const accepted = { outcome: 'accept' };
const REQUESTER_NOTICES: Array<[NoticeKind, Record<string, unknown>, string?]> = [
  ['acknowledgement', accepted],
  ['guidance', { outcome: 'request-more', missingItems: ['Bản chụp bản án có dấu của Tòa án'] }],
  ['appointment', accepted],
  ['receipt-slip', accepted],
  ['decision-released', accepted],
  ['closing', accepted],
  ['refusal', { outcome: 'refuse', reason: 'Người gửi không phải là đương sự trong bản án', legalBasis: 'Đơn không kèm giấy ủy quyền của đương sự' }],
  ['referral', { outcome: 'refer', referTo: 'HCMKV2', reason: 'người phải thi hành án cư trú tại phường Thủ Đức' }],
  ['apology', accepted, 'decision'],
  ['delay-letter', accepted, 'decision'],
];

describe.each(ONE_STOP)('every notice to the requester of %s', (code) => {
  it.each(REQUESTER_NOTICES)('%s says what the procedure is and what its result is, in the catalog’s words', async (kind, outcome, step) => {
    // Prepare
    const { procedure, render } = await caseOf(code, outcome);

    // Act
    const notice = await render(kind, step);

    // Assess
    expect(notice.text).toContain(procedure.resultExplanation);
    if (code !== 'enforcement-request') {
      for (const wrong of ENFORCEMENT_WORDING) {
        expect(notice.subject, `${kind} subject`).not.toMatch(wrong);
        expect(notice.text, `${kind} text`).not.toMatch(wrong);
        for (const pdf of notice.pdfs) expect(pdf, `${kind} PDF`).not.toMatch(wrong);
      }
    }
  });

  it('acknowledges the request under its own name', async () => {
    // Prepare
    const { procedure, render } = await caseOf(code, accepted);

    // Act
    const notice = await render('acknowledgement');

    // Assess
    expect(notice.subject).toBe(`Xác nhận đã nhận ${procedure.requestName} [HCMKV1-2026-000042]`);
    expect(notice.text).toContain(`Thủ tục: ${procedure.name}.`);
  });

  it('prints the procedure, its result and its time limit on the receipt slip, zero-padded as form 01 writes it', async () => {
    // Prepare
    const { procedure, render } = await caseOf(code, accepted);

    // Act
    const [slip] = (await render('receipt-slip')).pdfs;

    // Assess
    expect(slip).toContain(`Nội dung yêu cầu giải quyết: ${procedure.name}`);
    expect(slip).toContain(`Lưu ý: ${procedure.resultExplanation}`);
    expect(slip).toContain(`Thời gian giải quyết hồ sơ theo quy định là: ${String(procedure.resultWorkingDays).padStart(2, '0')} ngày làm việc`);
  });
});

describe('a complaint', () => {
  it('is acknowledged as a complaint, with its registration (thụ lý) date, never as a request for enforcement', async () => {
    // Prepare
    const { procedure, render } = await caseOf('complaint', accepted);

    // Act
    const notice = await render('acknowledgement');

    // Assess
    expect(notice.subject).toBe('Xác nhận đã nhận đơn khiếu nại [HCMKV1-2026-000042]');
    expect(notice.text).toContain('đã nhận được đơn khiếu nại của Ông/Bà');
    expect(notice.text).toContain('xem xét việc thụ lý đơn và thông báo cho Ông/Bà chậm nhất vào 17:00 ngày 30/11/2026');
    expect(notice.text).not.toContain('hẹn ngày giờ Ông/Bà đến nộp bản chính');
    expect(notice.text).toContain(procedure.resultExplanation);
    for (const wrong of ENFORCEMENT_WORDING) expect(notice.text).not.toMatch(wrong);
  });

  it('gets guidance that sends a complaint about the head of office to the head one level up, and no “thụ lý (vào sổ)”', async () => {
    // Prepare
    const { procedure, render } = await caseOf('complaint', accepted);

    // Act
    const notice = await render('complaint-guidance');

    // Assess
    expect(notice.text).toContain(procedure.resultExplanation);
    expect(notice.text).toContain('Khiếu nại đối với quyết định, hành vi của Thủ trưởng Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh (ví dụ việc từ chối tiếp nhận yêu cầu): gửi Trưởng Thi hành án dân sự Thành phố Thi hành án dân sự Thành phố Hồ Chí Minh');
    expect(notice.text).toContain('Trong thời hạn 05 ngày làm việc');
    expect(notice.text).not.toContain('(vào sổ)');
  });

  it('has its form 04 signed by the head of the office one level up', async () => {
    // Prepare
    const { render } = await caseOf('complaint', accepted);

    // Act
    const [letter] = (await render('delay-letter', 'decision')).pdfs;

    // Assess
    expect(letter).toContain('TRƯỞNG THI HÀNH ÁN DÂN SỰ THÀNH PHỐ (Ký, ghi rõ họ tên và đóng dấu) Trần Quốc Hùng');
  });
});

describe('the refusal, referral and apology cite the law in force on the day of receipt', () => {
  it('a refusal of a request received after 1 July 2026 cites Law 106/2025/QH15 and sends complaints one level up', async () => {
    // Prepare
    const { render } = await caseOf('enforcement-request', REQUESTER_NOTICES[6]![1]);

    // Act
    const notice = await render('refusal');

    // Assess
    expect(notice.text).toContain('Căn cứ pháp lý: Luật Thi hành án dân sự số 106/2025/QH15, quy định về từ chối yêu cầu thi hành án; Đơn không kèm giấy ủy quyền của đương sự.');
    expect(notice.text).not.toContain('Điều 37');
    expect(notice.text).toContain('gửi Thủ trưởng cơ quan thi hành án dân sự cấp trên trực tiếp: Trưởng Thi hành án dân sự Thành phố Trần Quốc Hùng, Thi hành án dân sự Thành phố Hồ Chí Minh');
    expect(notice.text).not.toContain('Đơn khiếu nại gửi Thủ trưởng Phòng Thi hành án dân sự khu vực 1');
  });

  it('a referral names the provision on competence', async () => {
    // Prepare
    const { render } = await caseOf('result-confirmation', REQUESTER_NOTICES[7]![1]);

    // Act
    const notice = await render('referral');

    // Assess
    expect(notice.text).toContain('Căn cứ: Luật Thi hành án dân sự số 106/2025/QH15, quy định về thẩm quyền thi hành án.');
    expect(notice.subject).toBe('Hướng dẫn gửi đề nghị xác nhận kết quả thi hành án đến cơ quan có thẩm quyền [HCMKV1-2026-000042]');
  });
});

describe('form 04 as circular 03/2025/TT-VPCP has it', () => {
  it('offered before the deadline: the new title, the reason the officer entered, the new date, signed by the head by title and name', async () => {
    // Prepare
    const { render } = await caseOf('enforcement-request', accepted);

    // Act
    const notice = await render('delay-letter', 'decision');
    const [letter] = notice.pdfs;

    // Assess
    expect(notice.subject).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết [HCMKV1-2026-000042]');
    expect(notice.text).toContain('dự kiến không trả được kết quả giải quyết hồ sơ của Ông/Bà Nguyễn Văn An đúng hẹn');
    expect(notice.text).toContain('Lý do: Cần xác minh thêm với Tòa án nhân dân Thành phố Hồ Chí Minh về bản án.');
    expect(notice.text).toMatch(/gia hạn thời gian giải quyết hồ sơ đến \d\d:\d\d ngày \d\d\/12\/2026\./);
    expect(letter).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(letter).not.toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(letter).toContain('TRƯỞNG PHÒNG (Ký, ghi rõ họ tên và đóng dấu) Lê Văn Minh');
    expect(letter).not.toContain('Thủ trưởng cơ quan');
  });

  it('after a breach, as the fallback: the same form, saying the result is late', async () => {
    // Prepare
    const { render } = await caseOf('fee-reduction', accepted);

    // Act
    const notice = await render('apology', 'decision');

    // Assess
    expect(notice.subject).toBe('Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết [HCMKV1-2026-000042]');
    expect(notice.text).toContain('Tuy nhiên đến nay, Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh chưa trả kết quả');
    expect(notice.pdfs[0]).toContain('Đề nghị miễn, giảm phí thi hành án');
  });
});

describe('an organisation that asks', () => {
  it('is addressed by its name, without Ông/Bà, in the letter and in form 04', async () => {
    // Prepare
    const { render } = await caseOf('enforcement-request', accepted, 'Ngân hàng Thương mại cổ phần Á Châu');

    // Act
    const ack = await render('acknowledgement');
    const delay = await render('delay-letter', 'decision');

    // Assess
    expect(ack.text.split('\n')[0]).toBe('Kính gửi Ngân hàng Thương mại cổ phần Á Châu,');
    expect(ack.text).not.toContain('Ông/Bà');
    expect(delay.pdfs[0]).toContain('Kính gửi: Ngân hàng Thương mại cổ phần Á Châu');
    expect(delay.pdfs[0]).not.toContain('Ông/Bà Ngân hàng');
  });
});
