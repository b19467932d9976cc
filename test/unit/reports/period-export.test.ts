import { describe, expect, it } from 'vitest';
import type { CaseRecord, NewEvent, StepDeadline, TimelineEvent } from '../../../shared/cases/model';
import { chainEvents } from '../../../shared/cases/repository';
import { GENESIS_HASH, verifyChain } from '../../../shared/timeline/hash-chain';
import { parseCsv } from '../../../shared/reports/csv';
import { parsePeriod } from '../../../shared/reports/period';
import { exportCasesCsv, exportCasesJson, exportTimelineCsv, exportTimelineJson, TIMELINE_CSV_HEADINGS } from '../../../shared/reports/period-export';
import { at } from './fixtures';

const deadline = (startedAt: string, dueAt: string): StepDeadline => ({ dueAt: at(dueAt), startedAt: at(startedAt), calendarVersion: '2026.1', rule: '1 working day × 8 h' });

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
    deadlines: { review: deadline(received, received.replace(/^(\d{4}-\d{2}-)(\d{2})/, (_m, ym: string, d: string) => `${ym}${String(Number(d) + 1).padStart(2, '0')}`)) },
    breaches: [],
    lastSeq: 0,
    lastHash: GENESIS_HASH,
    createdAt: at(received),
    updatedAt: at(received),
    ...fields,
  };
}

const workflow = { kind: 'system', component: 'workflow' } as const;

/** Three requests to Khu vực 1: one handed over on time, one late and breached, one from a company with an awkward name. */
const onTime = stored('HCMKV1-2026-000001', '2026-03-02 08:30', { status: 'closed' });
const late = stored('HCMKV1-2026-000002', '2026-03-03 09:00', {
  status: 'closed',
  breaches: ['review'],
  deadlines: { review: deadline('2026-03-03 09:00', '2026-03-04 09:00'), result: deadline('2026-03-03 09:00', '2026-03-10 09:00') },
});
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
    { type: 'step-completed', at: at('2026-03-02 15:00'), actor: workflow, data: { step: 'review', outcome: { note: 'Hồ sơ đủ, hẹn 09/03' } } },
    { type: 'decision-handed-over', at: at('2026-03-03 08:15'), actor: { kind: 'officer', id: 'nv01' }, data: { signedBy: 'Nguyễn Văn An' } },
  ]),
  story(late.caseId, [
    { type: 'case-opened', at: at('2026-03-03 09:00'), actor: { kind: 'system', component: 'intake' }, data: {} },
    { type: 'deadline-breached', at: at('2026-03-04 09:00'), actor: workflow, data: { step: 'review' } },
    { type: 'case-resolved', at: at('2026-03-11 10:00'), actor: { kind: 'officer', id: 'nv02' }, data: {} },
  ]),
  story(formula.caseId, [{ type: 'case-closed', at: at('2025-12-02 10:00'), actor: { kind: 'requester', address: 'x@example.com' }, data: { reason: '-rút, "không" cần nữa' } }]),
]);

describe('the export of cases for auditors', () => {
  it('gives one line per case, in case order, with the judgement the report makes', () => {
    // Prepare, Act
    const [header, ...lines] = parseCsv(exportCasesCsv([awkward, late, onTime, formula], events));

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
      'Thời hạn: result',
      'Thời hạn: review',
      'Bước quá hạn',
      'Thời điểm giải quyết xong',
      'Thời điểm rút yêu cầu',
      'Đúng hạn/quá hạn',
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
      '',
      '2026-03-03T08:30:00+07:00',
      '',
      '2026-03-03T08:15:00+07:00',
      '',
      'Đúng hạn',
    ]);
    expect(lines[2]!.slice(8)).toEqual(['2026-03-10T09:00:00+07:00', '2026-03-04T09:00:00+07:00', 'review', '2026-03-11T10:00:00+07:00', '', 'Quá hạn']);
  });

  it('keeps a requester’s name whole through quotes, commas and line breaks, and defuses a formula in it', () => {
    // Prepare, Act
    const lines = parseCsv(exportCasesCsv([awkward, formula], events));

    // Assess
    expect(lines[1]![5]).toBe('\'=HYPERLINK("http://x.example","Xem")');
    expect(lines[2]![5]).toBe('Công ty TNHH "Minh Phát", chi nhánh\nCần Thơ');
    expect(lines[2]).toHaveLength(lines[0]!.length);
    expect(lines[2]!.at(-1)).toBe('');
  });

  it('with a period, keeps the cases the report counts and says where each stands', () => {
    // Prepare, Act
    const [header, ...lines] = parseCsv(exportCasesCsv([awkward, late, onTime, formula], events, { period: parsePeriod('2026-H1') }));

    // Assess
    expect(header!.slice(-2)).toEqual(['Nguồn trong kỳ', 'Tình trạng cuối kỳ']);
    expect(lines.map((l) => [l[0], ...l.slice(-2)])).toEqual([
      ['HCMKV1-2026-000001', 'Mới tiếp nhận', 'Đã giải quyết xong - đúng hạn'],
      ['HCMKV1-2026-000002', 'Mới tiếp nhận', 'Đã giải quyết xong - quá hạn'],
    ]);
  });

  it('as JSON, gives the period, each case with its due instants and its timeline', () => {
    // Prepare, Act
    const exported = JSON.parse(exportCasesJson([late, onTime], events, { period: parsePeriod('2026-03') }));

    // Assess
    expect(exported.period).toEqual({ key: '2026-03', label: 'Tháng 3 năm 2026', firstDay: '2026-03-01', lastDay: '2026-03-31' });
    expect(exported.cases).toHaveLength(2);
    expect(exported.cases[1]).toMatchObject({
      caseId: 'HCMKV1-2026-000002',
      deadlines: { review: '2026-03-04T09:00:00+07:00', result: '2026-03-10T09:00:00+07:00' },
      breaches: ['review'],
      resultDueAt: '2026-03-10T09:00:00+07:00',
      dueStep: 'result',
      resolvedAt: '2026-03-11T10:00:00+07:00',
      timeliness: 'late',
      standing: { intake: 'newly-received', outcome: 'resolved-late' },
    });
    expect(exported.cases[1].timeline.map((e: TimelineEvent) => e.seq)).toEqual([1, 2, 3]);
  });

  it('as JSON without events, has no resolution and no timeline', () => {
    // Prepare, Act
    const exported = JSON.parse(exportCasesJson([onTime]));

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
      'HCMKV1-2026-000001#2 step-completed system:workflow',
      'HCMKV1-2026-000001#3 decision-handed-over officer:nv01',
      'HCMKV1-2026-000002#1 case-opened system:intake',
      'HCMKV1-2026-000002#2 deadline-breached system:workflow',
      'HCMKV1-2026-000002#3 case-resolved officer:nv02',
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
    expect(onTimeLines[1]![7]).toBe('{"outcome":{"note":"Hồ sơ đủ, hẹn 09/03"},"step":"review"}');
  });

  it('as JSON, gives every event as stored, in case and sequence order', () => {
    // Prepare, Act
    const exported: TimelineEvent[] = JSON.parse(exportTimelineJson(events));

    // Assess
    expect(exported).toHaveLength(7);
    expect(exported[0]).toEqual(events.get(formula.caseId)![0]);
  });
});
