import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent, StepDeadline, TimelineEvent } from '../../../shared/cases/model';
import { chainEvents } from '../../../shared/cases/repository';
import { GENESIS_HASH, verifyChain } from '../../../shared/timeline/hash-chain';
import { parseCsv } from '../../../shared/reports/csv';
import { parsePeriod } from '../../../shared/reports/period';
import { exportCasesCsv, exportCasesJson, exportTimelineCsv, exportTimelineJson, TIMELINE_CSV_HEADINGS } from '../../../shared/reports/period-export';
import { deadlineFor } from '../../../shared/calendar';
import { at, directory } from './fixtures';

/** A deadline as the workflow computes it: N working days of the office's calendar from an instant. */
const due = (from: string, workingDays: number, afterCutoff?: string) =>
  deadlineFor({ receivedAt: new Date(at(from)), workingDays, office: 'HCMKV1', directory, ...(afterCutoff ? { afterCutoff } : {}) }) as unknown as StepDeadline;

function stored(caseId: string, received: string, fields: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseId,
    office: caseId.split('-')[0]!,
    procedure: 'enforcement-request',
    status: 'awaiting-review',
    requester: { address: 'nguyenvanan.hcm@gmail.com', name: 'Nguyễn Văn An' },
    subject: 'Đơn yêu cầu thi hành án',
    receivedAt: at(received),
    firstMessageId: `<${caseId}@mail.example>`,
    deadlines: { review: due(received, 1) },
    breaches: [],
    lastSeq: 0,
    lastHash: GENESIS_HASH,
    createdAt: at(received),
    updatedAt: at(received),
    ...fields,
  };
}

const workflow = { kind: 'system', component: 'workflow' } as const;
const officer = { kind: 'officer', id: 'nv01' } as const;

/**
 * Requests to Khu vực 1, with the deadlines and events the workflow writes: one decided and handed over before
 * the date on its receipt slip (its one-day review deadline long past), one decided after it, one refused, one
 * from a company with an awkward name, and an old one whose requester's name is a formula.
 */
const onTime = stored('HCMKV1-2026-000001', '2026-03-02 08:30', { status: 'closed', deadlines: { review: due('2026-03-02 08:30', 1), decision: due('2026-03-04 09:00', 5, '15:00') } });
const late = stored('HCMKV1-2026-000002', '2026-03-03 09:00', {
  status: 'closed',
  breaches: ['review', 'decision'],
  deadlines: { review: due('2026-03-03 09:00', 1), decision: due('2026-03-05 09:00', 5, '15:00') },
});
const refused = stored('HCMKV1-2026-000004', '2026-03-04 09:00', { status: 'closed' });
const awkward = stored('HCMKV1-2026-000003', '2026-07-02 10:00', {
  requester: { address: 'phaply@minhphat.example', name: 'Công ty TNHH "Minh Phát", chi nhánh\nCần Thơ' },
});
const formula = stored('HCMKV1-2025-000099', '2025-12-01 10:00', {
  status: 'closed',
  requester: { address: 'x@example.com', name: '=HYPERLINK("http://x.example","Xem")' },
});

const story = (caseId: string, events: NewEvent[]): [string, TimelineEvent[]] => [caseId, chainEvents(caseId, 0, GENESIS_HASH, events)];

const events = new Map<string, TimelineEvent[]>([
  story(onTime.caseId, [
    { type: 'case-opened', at: at('2026-03-02 08:30'), actor: { kind: 'system', component: 'intake' }, data: { office: 'HCMKV1' } },
    { type: 'step-completed', at: at('2026-03-02 15:00'), actor: officer, data: { step: 'review', outcome: { note: 'Hồ sơ đủ, hẹn 04/03' } } },
    { type: 'visit-recorded', at: at('2026-03-04 09:00'), actor: officer, data: {} },
    { type: 'decision-recorded', at: at('2026-03-10 10:00'), actor: officer, data: { number: '12/QĐ-THADS' } },
    { type: 'decision-handed-over', at: at('2026-03-10 15:00'), actor: officer, data: { recipientName: 'Nguyễn Văn An' } },
    { type: 'case-closed', at: at('2026-03-10 15:00'), actor: workflow, data: { reason: 'resolved' } },
  ]),
  story(late.caseId, [
    { type: 'case-opened', at: at('2026-03-03 09:00'), actor: { kind: 'system', component: 'intake' }, data: {} },
    { type: 'deadline-breached', at: at('2026-03-04 09:00'), actor: workflow, data: { step: 'review' } },
    { type: 'visit-recorded', at: at('2026-03-05 09:00'), actor: officer, data: {} },
    { type: 'decision-recorded', at: at('2026-03-13 10:00'), actor: officer, data: { number: '13/QĐ-THADS' } },
  ]),
  story(refused.caseId, [
    { type: 'case-opened', at: at('2026-03-04 09:00'), actor: { kind: 'system', component: 'intake' }, data: {} },
    { type: 'case-closed', at: at('2026-03-04 14:00'), actor: workflow, data: { reason: 'refused' } },
  ]),
  story(formula.caseId, [{ type: 'case-closed', at: at('2025-12-02 10:00'), actor: { kind: 'requester', address: 'x@example.com' }, data: { reason: '-rút, "không" cần nữa' } }]),
]);

const options = { directory };

describe('the export of cases for auditors', () => {
  it('gives one line per case, in case order, with the judgement the report makes', () => {
    // Prepare
    expect(onTime.deadlines.decision!.dueAt).toBe('2026-03-11T09:00:00+07:00');
    expect(late.deadlines.decision!.dueAt).toBe('2026-03-12T09:00:00+07:00');

    // Act
    const [header, ...lines] = parseCsv(exportCasesCsv([awkward, late, onTime, formula], events, options));

    // Assess
    expect(header).toEqual([
      'Mã hồ sơ',
      'Đơn vị',
      'Thủ tục',
      'Tên thủ tục',
      'Trạng thái',
      'Người yêu cầu',
      'Thư điện tử người yêu cầu',
      'Thời điểm tiếp nhận',
      'Thời hạn: review',
      'Thời hạn: decision',
      'Bước quá hạn',
      'Thời điểm tiếp nhận trực tiếp',
      'Thời hạn trả kết quả',
      'Thời điểm có kết quả',
      'Thời điểm trả kết quả',
      'Lý do kết thúc',
      'Thời điểm kết thúc',
      'Đúng hạn/quá hạn',
      'Văn bản rút yêu cầu',
    ]);
    expect(lines.map((l) => l[0])).toEqual(['HCMKV1-2025-000099', 'HCMKV1-2026-000001', 'HCMKV1-2026-000002', 'HCMKV1-2026-000003']);
    expect(lines[1]).toEqual([
      'HCMKV1-2026-000001',
      'HCMKV1',
      'enforcement-request',
      'Quyết định thi hành án theo yêu cầu',
      'closed',
      'Nguyễn Văn An',
      'nguyenvanan.hcm@gmail.com',
      '2026-03-02T08:30:00+07:00',
      onTime.deadlines.review!.dueAt,
      '2026-03-11T09:00:00+07:00',
      '',
      '2026-03-04T09:00:00+07:00',
      '2026-03-11T09:00:00+07:00',
      '2026-03-10T10:00:00+07:00',
      '2026-03-10T15:00:00+07:00',
      'resolved',
      '2026-03-10T15:00:00+07:00',
      'Đúng hạn',
      '',
    ]);
    expect(lines[2]!.slice(10)).toEqual(['review; decision', '2026-03-05T09:00:00+07:00', '2026-03-12T09:00:00+07:00', '2026-03-13T10:00:00+07:00', '', '', '', 'Quá hạn', '']);
  });

  it('keeps a requester’s name whole through quotes, commas and line breaks, and defuses a formula in it', () => {
    // Prepare, Act
    const lines = parseCsv(exportCasesCsv([awkward, formula], events, options));

    // Assess
    expect(lines[1]![5]).toBe('\'=HYPERLINK("http://x.example","Xem")');
    expect(lines[2]![5]).toBe('Công ty TNHH "Minh Phát", chi nhánh\nCần Thơ');
    expect(lines[2]).toHaveLength(lines[0]!.length);
    expect(lines[2]!.at(-1)).toBe('');
  });

  it('with a period, keeps the cases the report counts and the requests e-mailed in it, and says where each stands', () => {
    // Prepare, Act
    const [header, ...lines] = parseCsv(exportCasesCsv([awkward, late, onTime, refused, formula], events, { ...options, period: parsePeriod('2026-H1') }));

    // Assess
    expect(header!.slice(-3)).toEqual(['Nguồn trong kỳ', 'Tình trạng cuối kỳ', 'Hỗ trợ trực tuyến']);
    expect(lines.map((l) => [l[0], ...l.slice(-3)])).toEqual([
      ['HCMKV1-2026-000001', 'Mới tiếp nhận', 'Đã giải quyết xong - đúng hạn', 'Đã tiếp nhận trực tiếp (tính vào biểu)'],
      ['HCMKV1-2026-000002', 'Mới tiếp nhận', 'Đã giải quyết xong - quá hạn', 'Đã tiếp nhận trực tiếp (tính vào biểu)'],
      ['HCMKV1-2026-000004', '', '', 'Từ chối tiếp nhận'],
    ]);
  });

  it('as JSON, gives the period, each case with its due instants and its timeline', () => {
    // Prepare, Act
    const exported = JSON.parse(exportCasesJson([late, onTime], events, { ...options, period: parsePeriod('2026-03') }));

    // Assess
    expect(exported.period).toEqual({ key: '2026-03', label: 'Tháng 3 năm 2026', firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(exported.cases).toHaveLength(2);
    expect(exported.cases[1]).toMatchObject({
      caseId: 'HCMKV1-2026-000002',
      deadlines: { review: late.deadlines.review!.dueAt, decision: '2026-03-12T09:00:00+07:00' },
      breaches: ['review', 'decision'],
      receivedInPersonAt: '2026-03-05T09:00:00+07:00',
      resultDueAt: '2026-03-12T09:00:00+07:00',
      resolvedAt: '2026-03-13T10:00:00+07:00',
      timeliness: 'late',
      standing: { intake: 'newly-received', outcome: 'resolved-late' },
      online: 'received-in-person',
    });
    expect(exported.cases[1].timeline.map((e: TimelineEvent) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('as JSON without events, has no resolution and no timeline', () => {
    // Prepare, Act
    const exported = JSON.parse(exportCasesJson([onTime], undefined, options));

    // Assess
    expect(exported.period).toBeNull();
    expect(exported.cases[0]).not.toHaveProperty('timeline');
    expect(exported.cases[0]).not.toHaveProperty('resolvedAt');
  });
});

describe('the export of timelines for auditors', () => {
  it('gives one line per event with both hashes, from which the chain verifies again', () => {
    // Prepare, Act
    const [header, ...lines] = parseCsv(exportTimelineCsv(events));

    // Assess
    expect(header).toEqual([...TIMELINE_CSV_HEADINGS]);
    expect(header).toEqual(['Mã hồ sơ', 'STT sự kiện', 'Loại sự kiện', 'Thời điểm', 'Người thực hiện', 'Mã băm', 'Mã băm sự kiện trước', 'Dữ liệu']);
    expect(lines.map((l) => `${l[0]}#${l[1]} ${l[2]} ${l[4]}`)).toEqual([
      'HCMKV1-2025-000099#1 case-closed requester:x@example.com',
      'HCMKV1-2026-000001#1 case-opened system:intake',
      'HCMKV1-2026-000001#2 step-completed officer:nv01',
      'HCMKV1-2026-000001#3 visit-recorded officer:nv01',
      'HCMKV1-2026-000001#4 decision-recorded officer:nv01',
      'HCMKV1-2026-000001#5 decision-handed-over officer:nv01',
      'HCMKV1-2026-000001#6 case-closed system:workflow',
      'HCMKV1-2026-000002#1 case-opened system:intake',
      'HCMKV1-2026-000002#2 deadline-breached system:workflow',
      'HCMKV1-2026-000002#3 visit-recorded officer:nv01',
      'HCMKV1-2026-000002#4 decision-recorded officer:nv01',
      'HCMKV1-2026-000004#1 case-opened system:intake',
      'HCMKV1-2026-000004#2 case-closed system:workflow',
    ]);
    const onTimeLines = lines.filter((l) => l[0] === onTime.caseId);
    const rebuilt = onTimeLines.map((l) => ({
      caseId: l[0]!,
      seq: Number(l[1]),
      type: l[2]!,
      at: l[3]!,
      actor: events.get(onTime.caseId)![Number(l[1]) - 1]!.actor,
      data: JSON.parse(l[7]!),
      hash: l[5]!,
      prevHash: l[6]!,
    }));
    expect(verifyChain(rebuilt)).toEqual({ ok: true });
    expect(onTimeLines[1]![7]).toBe('{"outcome":{"note":"Hồ sơ đủ, hẹn 04/03"},"step":"review"}');
  });

  it('as JSON, gives every event as stored, in case and sequence order', () => {
    // Prepare, Act
    const exported: TimelineEvent[] = JSON.parse(exportTimelineJson(events));

    // Assess
    expect(exported).toHaveLength(13);
    expect(exported[0]).toEqual(events.get(formula.caseId)![0]);
  });
});
