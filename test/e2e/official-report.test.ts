/**
 * The official report (form of Công văn 1639/TCTHADS-NV3, seed 004) and the case export, computed from cases
 * that the real workflow produced on the local stack: e-mails in, officers' actions through task tokens, and
 * the local clock moved forward (never waited for). Every cell is checked against an expectation derived by
 * hand from the story of each case, written next to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken } from '../../local/auth/local-keys';
import { parseCsv } from '../../shared/reports/csv';
import { toVietnamIso } from '../../shared/time/vietnam-time';
import { addWorkingTime } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';
import type { CaseRecord } from '../../shared/cases/model';

let t: TestStack;
const drive = lifecycleDriver(() => t);
const DAY_MS = 24 * 60 * 60 * 1000;

const citizen = { name: 'Lý Thị Thu', address: 'ly.thi.thu@example.com' };
const enforcement = (n: number) => ({
  from: citizen,
  to: 'kv1@hcm.thads.example',
  subject: `Đơn yêu cầu thi hành án - Bản án số ${n}/2026/DS-ST`,
  text: `Tôi yêu cầu thi hành Bản án số ${n}/2026/DS-ST của Tòa án nhân dân khu vực 1.`,
});
const feeReduction = (n: number) => ({
  from: citizen,
  to: 'kv1@hcm.thads.example',
  subject: `Đơn đề nghị miễn, giảm phí thi hành án (hồ sơ ${n})`,
  text: 'Tôi đề nghị được miễn, giảm phí thi hành án vì hoàn cảnh khó khăn.',
});
const complaint = { from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn khiếu nại về việc thi hành án', text: 'Tôi khiếu nại quyết định cưỡng chế của Chấp hành viên.' };

const accept = { outcome: 'accept' };
const visit = { action: 'visit', collection: 'at-desk' };

/** Midnight (Vietnam time) opening the day after an instant's day. */
function nextVietnamMidnight(at: Date | string): Date {
  const day = toVietnamIso(new Date(at)).slice(0, 10);
  return new Date(Date.parse(`${day}T00:00:00+07:00`) + DAY_MS);
}
const vietnamDay = (at: Date) => toVietnamIso(at).slice(0, 10);

/** The machine running the suite is shared and busy: a step is late, not lost, so the waits here are generous. */
const PATIENCE_MS = 180_000;

/** Sends a request and waits until its case waits for its first step. */
async function open(mail: { to: string; from: { name: string; address: string }; subject: string; text: string }, step = 'review'): Promise<CaseRecord> {
  const messageId = `<report-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com>`;
  await t.sendMail({ ...mail, messageId });
  const caseId = await eventually('the case', async () => (await t.cases.getMessage(messageId))?.caseId, PATIENCE_MS);
  return drive.waitingFor(caseId, step, PATIENCE_MS);
}

/**
 * An officer's action, once the case waits for it. A wait is renewed under us at its warning and at its
 * deadline (the old token then answers TaskTimedOut): we wait for the renewed wait, as the API would be told.
 */
async function act(caseId: string, step: string, output: Record<string, unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { pendingStep } = await drive.waitingFor(caseId, step, PATIENCE_MS);
    try {
      await t.sfn.send(new SendTaskSuccessCommand({ taskToken: pendingStep!.taskToken, output: JSON.stringify({ ...output, actor: { kind: 'officer', id: 'tran.thi.lan', name: 'Trần Thị Lan' } }) }));
      return;
    } catch (error) {
      if (!['TaskTimedOut', 'TaskDoesNotExist'].includes((error as Error).name) || attempt >= 5) throw error;
      await eventually(`the renewed wait of ${caseId} for ${step}`, async () => ((await t.cases.getCase(caseId))?.pendingStep?.taskToken !== pendingStep!.taskToken ? true : undefined), PATIENCE_MS);
    }
  }
}

const closed = (caseId: string) => eventually(`${caseId} to close`, async () => {
  const record = await t.cases.getCase(caseId);
  return record?.status === 'closed' ? record : undefined;
}, PATIENCE_MS);

async function decide(caseId: string, number: string) {
  await act(caseId, 'decision', { number, date: vietnamDay(await drive.stackNow()), signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: await drive.decisionDocument(caseId) });
  await act(caseId, 'handover', { method: 'at-desk', recipientName: citizen.name });
  return closed(caseId);
}

/** Opens requests at once, each waiting for its first step. */
const openAll = (mails: Array<Parameters<typeof open>[0]>, step = 'review') => Promise.all(mails.map((m) => open(m, step)));

/** Receives requests in person at once (the review accepted, then the visit): each then waits for its decision. */
async function receiveInPerson(cases: CaseRecord[]): Promise<CaseRecord[]> {
  await Promise.all(cases.map((c) => act(c.caseId, 'review', accept)));
  await Promise.all(cases.map((c) => act(c.caseId, 'visit', visit)));
  return Promise.all(cases.map((c) => drive.waitingFor(c.caseId, 'decision', PATIENCE_MS)));
}

/** The story of the period, and what the stack made of it. */
const s = {} as {
  carried: { onTime: CaseRecord; late: CaseRecord; overdue: CaseRecord; notDue: CaseRecord; refusedBefore: CaseRecord };
  fresh: { onTime: CaseRecord; late: CaseRecord; refused: CaseRecord; referred: CaseRecord; noReply: CaseRecord; notDue: CaseRecord; overdue: CaseRecord; complaint: CaseRecord; withdrawn: CaseRecord; withdrawnOnline: CaseRecord };
  from: string;
  to: string;
  periodEnd: Date;
};

let auditorToken: string;
let officerToken: string;

/** The requester's written withdrawal, recorded by an officer through the API (as the desk does). */
async function withdraw(caseId: string, step: string, reference: string) {
  await drive.waitingFor(caseId, step, PATIENCE_MS);
  const response = await fetch(`${t.stack.urls.api}/cases/${caseId}/withdraw`, { method: 'POST', headers: { authorization: `Bearer ${officerToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ via: 'letter', reference }) });
  expect(response.status, await response.clone().text()).toBe(200);
  return closed(caseId);
}
async function get(path: string) {
  const response = await fetch(`${t.stack.urls.api}${path}`, { headers: { authorization: `Bearer ${auditorToken}` } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

beforeAll(async () => {
  t = await startTestStack(20300);
  auditorToken = await signLocalToken(t.dataDir, { role: 'auditor', scope: { kind: 'province', province: 'HCM' }, sub: 'u-kiem', name: 'Kiểm tra viên' });
  officerToken = await signLocalToken(t.dataDir, { role: 'officer', office: 'HCMKV1', sub: 'tran.thi.lan', name: 'Trần Thị Lan' });

  // Before the period: four requests received in person (three for enforcement, one fee reduction), one refused.
  const [coOnTime, coLate, coOverdue, coNotDue, refusedBefore] = await openAll([enforcement(101), enforcement(102), enforcement(103), feeReduction(104), enforcement(105)]);
  await Promise.all([receiveInPerson([coOnTime!, coLate!, coOverdue!, coNotDue!]), act(refusedBefore!.caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' })]);
  await closed(refusedBefore!.caseId);

  // The period opens at the next midnight.
  const periodStart = nextVietnamMidnight(await drive.stackNow());
  await drive.passTime(periodStart);
  s.from = vietnamDay(periodStart);

  // In the period: ten new requests, a complaint among them.
  const opened = await Promise.all([openAll([enforcement(201), enforcement(202), enforcement(203), enforcement(204), enforcement(205), feeReduction(206), enforcement(207), enforcement(208), enforcement(209)]), open(complaint, 'registration')]);
  const [onTime, late, refused, referred, noReply, notDue, overdue, withdrawnAfterReceipt, withdrawnOnline] = opened[0];
  const complaintCase = opened[1];
  await Promise.all([
    receiveInPerson([onTime!, late!, notDue!, overdue!, withdrawnAfterReceipt!]),
    act(refused!.caseId, 'review', { outcome: 'refuse', reason: 'Người gửi không phải là đương sự', legalBasis: 'Điều 7 Luật Thi hành án dân sự' }),
    act(referred!.caseId, 'review', { outcome: 'refer', referTo: 'HCMKV2', reason: 'Người phải thi hành án cư trú tại khu vực 2' }),
    act(noReply!.caseId, 'review', { outcome: 'request-more', missingItems: ['Bản án có chữ ký và dấu của Tòa án'] }),
    act(complaintCase.caseId, 'registration', { registered: true, note: 'Đã vào sổ thụ lý khiếu nại' }),
  ]);
  // Two requesters withdraw in writing: 208 after its in-person receipt (waiting for its decision), 209 before its review.
  await Promise.all([
    withdraw(withdrawnAfterReceipt!.caseId, 'decision', 'Đơn xin rút yêu cầu thi hành án nộp tại Bộ phận một cửa (hồ sơ 208)'),
    withdraw(withdrawnOnline!.caseId, 'review', 'Đơn xin rút yêu cầu thi hành án gửi qua bưu điện (hồ sơ 209)'),
  ]);

  // The day after: the one-day review deadline of the new requests has passed; two decisions are issued on
  // time (the date on their receipt slip is days away) and handed over.
  await drive.passTime((await t.cases.requireCase(onTime!.caseId)).deadlines.review!.dueAt);
  await Promise.all([decide(coOnTime!.caseId, '301/QĐ-THADS'), decide(onTime!.caseId, '302/QĐ-THADS')]);

  // The five working days of the enforcement decisions run out, and an hour of working time more: two
  // decisions come late, two not at all.
  const enforcementDue = await Promise.all([coLate!, coOverdue!, late!, overdue!].map(async (c) => Date.parse((await t.cases.requireCase(c.caseId)).deadlines.decision!.dueAt)));
  await drive.passTime(addWorkingTime({ directory: officeDirectory, office: 'HCMKV1' }, new Date(Math.max(...enforcementDue)), 60));
  await Promise.all([coLate!, late!].map((c) => eventually(`the breach of ${c.caseId}`, async () => (await t.cases.listEvents(c.caseId)).find((e) => e.type === 'deadline-breached'), PATIENCE_MS)));
  await Promise.all([decide(coLate!.caseId, '303/QĐ-THADS'), decide(late!.caseId, '304/QĐ-THADS')]);

  // The requester asked for more never answers: the case closes when the reply's time runs out.
  await drive.passTime((await t.cases.requireCase(noReply!.caseId)).deadlines['requester-reply']!.dueAt);
  await closed(noReply!.caseId);

  // The period ends at the next midnight, and the report is made after it.
  s.periodEnd = nextVietnamMidnight(await drive.stackNow());
  s.to = vietnamDay(new Date(s.periodEnd.getTime() - DAY_MS));
  await drive.passTime(s.periodEnd);

  const fresh = async (c: CaseRecord) => t.cases.requireCase(c.caseId);
  s.carried = { onTime: await fresh(coOnTime!), late: await fresh(coLate!), overdue: await fresh(coOverdue!), notDue: await fresh(coNotDue!), refusedBefore: await fresh(refusedBefore!) };
  s.fresh = {
    onTime: await fresh(onTime!),
    late: await fresh(late!),
    refused: await closed(refused!.caseId),
    referred: await closed(referred!.caseId),
    noReply: await fresh(noReply!),
    notDue: await fresh(notDue!),
    overdue: await fresh(overdue!),
    complaint: await closed(complaintCase.caseId),
    withdrawn: await closed(withdrawnAfterReceipt!.caseId),
    withdrawnOnline: await closed(withdrawnOnline!.caseId),
  };
}, 900_000);

afterAll(async () => {
  await t?.stop();
});

type Row = { kind: string; level?: string; procedure?: string; counts: Record<string, number>; withdrawn: number };
const COLUMNS = ['total', 'carriedOver', 'newlyReceived', 'carriedOverResolvedOnTime', 'carriedOverResolvedLate', 'carriedOverInProgressNotDue', 'carriedOverInProgressOverdue', 'newlyReceivedResolvedOnTime', 'newlyReceivedResolvedLate', 'newlyReceivedInProgressNotDue', 'newlyReceivedInProgressOverdue'];
const cells = (row: Row) => COLUMNS.map((k) => row.counts[k]);
const Z = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe('the official report of a period, from lifecycles the workflow ran', () => {
  it('tells the story the test meant: the scenario’s own preconditions hold', () => {
    // the fee reductions (15 working days) are not yet due when the period ends; the others' five days ran out in it
    expect(Date.parse(s.carried.notDue.deadlines.decision!.dueAt)).toBeGreaterThan(s.periodEnd.getTime());
    expect(Date.parse(s.fresh.notDue.deadlines.decision!.dueAt)).toBeGreaterThan(s.periodEnd.getTime());
    for (const c of [s.carried.overdue, s.fresh.overdue]) expect(Date.parse(c.deadlines.decision!.dueAt)).toBeLessThan(s.periodEnd.getTime());
    // carried over: received in person before the period
    for (const c of [s.carried.onTime, s.carried.late, s.carried.overdue, s.carried.notDue]) expect(Date.parse(c.deadlines.decision!.receivedAt as string)).toBeLessThan(Date.parse(`${s.from}T00:00:00+07:00`));
    // the on-time decision came after the one-day review deadline (what the old report judged it by)
    expect(Date.parse(s.fresh.onTime.decision!.recordedAt)).toBeGreaterThan(Date.parse(s.fresh.onTime.deadlines.review!.dueAt));
    expect(s.fresh.refused.closure?.reason).toBe('refused');
    expect(s.fresh.referred.closure?.reason).toBe('referred');
    expect(s.fresh.noReply.closure?.reason).toBe('no-reply');
    expect(s.fresh.complaint.closure?.reason).toBe('guidance-given');
    expect(s.carried.refusedBefore.closure?.reason).toBe('refused');
    // the withdrawals: 208 after its in-person receipt and before any decision, 209 before its review, both in the period
    expect([s.fresh.withdrawn, s.fresh.withdrawnOnline].map((c) => [c.closure?.reason, c.withdrawal?.step, c.decision])).toEqual([
      ['withdrawn', 'decision', undefined],
      ['withdrawn', 'review', undefined],
    ]);
    expect(Date.parse(s.fresh.withdrawn.closure!.at)).toBeLessThan(s.periodEnd.getTime());
  });

  it('gives every cell of the form of Khu vực 1 as derived by hand from the story of each case', async () => {
    // Act
    const report = JSON.parse(await get(`/reports/official?from=${s.from}&to=${s.to}&office=HCMKV1&format=json`));

    // Assess
    expect(report.provisional).toBe(false);
    expect(report.observedAt).toBe(toVietnamIso(s.periodEnd));
    const rows = report.rows as Row[];
    const line = (level: string, procedure: string) => cells(rows.find((r) => r.kind === 'procedure' && r.level === level && r.procedure === procedure)!);
    //                                              tổng kỳtr mới | kỳ trước: đh qh cth qh | mới: đh qh cth qh
    // 1. enforcement: carried over 101 on time, 102 late, 103 overdue; new 201 on time, 202 late, 207 overdue.
    //    203 refused, 204 referred, 205 unanswered and 105 (refused before the period) are on no line; nor are
    //    208 (received in person, then withdrawn: beside the form) and 209 (withdrawn before its review).
    expect(line('regional', 'enforcement-request')).toEqual([6, 3, 3, 1, 1, 0, 1, 1, 1, 0, 1]);
    // 5. fee reduction: 104 carried over and 206 new, both within their fifteen working days.
    expect(line('regional', 'fee-reduction')).toEqual([2, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0]);
    for (const procedure of ['result-confirmation', 'officer-change', 'coercion-cost-reduction']) expect(line('regional', procedure), procedure).toEqual(Z);
    for (const procedure of ['enforcement-request', 'result-confirmation', 'officer-change', 'coercion-cost-reduction', 'fee-reduction']) expect(line('province', procedure), procedure).toEqual(Z);
    expect(cells(rows.find((r) => r.kind === 'level' && r.level === 'regional')!)).toEqual([8, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(cells(rows.find((r) => r.kind === 'level' && r.level === 'province')!)).toEqual(Z);
    expect(cells(rows.find((r) => r.kind === 'total')!)).toEqual([8, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1]);
    // beside the form: 208, received in person and withdrawn before its decision, on the enforcement line of
    // the regional offices, their section and the total; 209 never reached the form (it is in the online summary)
    const withdrawn = (r: Row) => r.withdrawn;
    expect(withdrawn(rows.find((r) => r.kind === 'procedure' && r.level === 'regional' && r.procedure === 'enforcement-request')!)).toBe(1);
    expect(withdrawn(rows.find((r) => r.kind === 'level' && r.level === 'regional')!)).toBe(1);
    expect(withdrawn(rows.find((r) => r.kind === 'total')!)).toBe(1);
    expect(rows.filter((r) => r.withdrawn > 0)).toHaveLength(3);
    const withdrawnEntry = (report.ledger as Array<{ caseId: string; column?: string; outcome: string; intake: string }>).find((e) => e.caseId === s.fresh.withdrawn.caseId);
    expect(withdrawnEntry).toMatchObject({ intake: 'newly-received', outcome: 'withdrawn' });
    expect(withdrawnEntry).not.toHaveProperty('column');

    // each case in the cell its story puts it in; the complaint is no one-stop procedure and is nowhere
    const ledger = Object.fromEntries((report.ledger as Array<{ caseId: string; column?: string }>).map((e) => [e.caseId, e.column]));
    expect(ledger).toEqual({
      [s.carried.onTime.caseId]: 'carriedOverResolvedOnTime',
      [s.carried.late.caseId]: 'carriedOverResolvedLate',
      [s.carried.overdue.caseId]: 'carriedOverInProgressOverdue',
      [s.carried.notDue.caseId]: 'carriedOverInProgressNotDue',
      [s.fresh.onTime.caseId]: 'newlyReceivedResolvedOnTime',
      [s.fresh.late.caseId]: 'newlyReceivedResolvedLate',
      [s.fresh.notDue.caseId]: 'newlyReceivedInProgressNotDue',
      [s.fresh.overdue.caseId]: 'newlyReceivedInProgressOverdue',
      [s.fresh.withdrawn.caseId]: undefined,
    });
    expect(Object.keys(ledger)).toHaveLength(9);

    // beside the form, the online stage: the nine one-stop requests e-mailed in the period and what became of them
    expect(report.online.received).toBe(9);
    expect(report.online.outcomes).toEqual({ 'received-in-person': 5, refused: 1, referred: 1, 'no-reply': 1, 'missed-twice': 0, withdrawn: 1, 'guidance-given': 0, pending: 0 });
    expect(Object.fromEntries((report.online.cases as Array<{ caseId: string; outcome: string }>).map((c) => [c.caseId, c.outcome]))).toEqual({
      [s.fresh.onTime.caseId]: 'received-in-person',
      [s.fresh.late.caseId]: 'received-in-person',
      [s.fresh.refused.caseId]: 'refused',
      [s.fresh.referred.caseId]: 'referred',
      [s.fresh.noReply.caseId]: 'no-reply',
      [s.fresh.notDue.caseId]: 'received-in-person',
      [s.fresh.overdue.caseId]: 'received-in-person',
      [s.fresh.withdrawn.caseId]: 'received-in-person',
      [s.fresh.withdrawnOnline.caseId]: 'withdrawn',
    });
  });

  it('rolls Khu vực 1 up into the province form, and the next period starts from what this one carried over', async () => {
    // Act
    const province = JSON.parse(await get(`/reports/official?from=${s.from}&to=${s.to}&province=HCM&format=json`));
    const nextDay = vietnamDay(s.periodEnd);
    const next = JSON.parse(await get(`/reports/official?from=${nextDay}&to=${nextDay}&office=HCMKV1&format=json`));

    // Assess
    expect(cells((province.rows as Row[]).find((r) => r.kind === 'total')!)).toEqual([8, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect((province.rows as Row[]).find((r) => r.kind === 'total')!.withdrawn).toBe(1);
    // what was in progress at the end (103, 104, 206, 207) is what the next period carries over; 208, withdrawn, is not
    const total = (next.rows as Row[]).find((r) => r.kind === 'total')!;
    expect(total.counts.carriedOver).toBe(4);
    expect(total.counts.newlyReceived).toBe(0);
  });

  it('agrees with the workflow on every decision: on time in the report exactly when the workflow recorded it on time', async () => {
    // Act
    const report = JSON.parse(await get(`/reports/official?from=${s.from}&to=${s.to}&office=HCMKV1&format=json`));

    // Assess
    for (const c of [s.carried.onTime, s.carried.late, s.fresh.onTime, s.fresh.late]) {
      const decided = (await t.cases.listEvents(c.caseId)).find((e) => e.type === 'step-completed' && e.data.step === 'decision')!;
      const entry = (report.ledger as Array<{ caseId: string; outcome: string }>).find((e) => e.caseId === c.caseId)!;
      expect(entry.outcome, c.caseId).toBe(decided.data.onTime ? 'resolved-on-time' : 'resolved-late');
    }
    expect([s.carried.onTime, s.fresh.onTime].map((c) => c.breaches)).toEqual([[], []]);
  });

  it('exports the cases of the period with the same judgement, refused, referred and unanswered requests never resolved', async () => {
    // Act
    const [header, ...lines] = parseCsv((await get(`/exports/cases?from=${s.from}&to=${s.to}&office=HCMKV1&format=csv`)).replace(/^\uFEFF/, ''));

    // Assess
    const column = (name: string) => header!.indexOf(name);
    const byCase = Object.fromEntries(lines.map((l) => [l[0], { timeliness: l[column('Đúng hạn/quá hạn')], resolvedAt: l[column('Thời điểm có kết quả')], standing: l[column('Tình trạng cuối kỳ')], online: l[column('Hỗ trợ trực tuyến')] }]));
    expect(byCase[s.fresh.onTime.caseId]).toMatchObject({ timeliness: 'Đúng hạn', standing: 'Đã giải quyết xong - đúng hạn' });
    expect(byCase[s.carried.onTime.caseId]).toMatchObject({ timeliness: 'Đúng hạn', standing: 'Đã giải quyết xong - đúng hạn' });
    expect(byCase[s.fresh.late.caseId]).toMatchObject({ timeliness: 'Quá hạn', standing: 'Đã giải quyết xong - quá hạn' });
    expect(byCase[s.carried.late.caseId]).toMatchObject({ timeliness: 'Quá hạn', standing: 'Đã giải quyết xong - quá hạn' });
    for (const c of [s.fresh.refused, s.fresh.referred, s.fresh.noReply]) expect(byCase[c.caseId], c.caseId).toMatchObject({ timeliness: '', resolvedAt: '', standing: '' });
    expect(byCase[s.fresh.refused.caseId]!.online).toBe('Từ chối tiếp nhận');
    expect(byCase[s.fresh.referred.caseId]!.online).toBe('Hướng dẫn gửi cơ quan có thẩm quyền');
    expect(byCase[s.fresh.noReply.caseId]!.online).toBe('Không bổ sung hồ sơ trong thời hạn');
    expect(byCase).not.toHaveProperty(s.carried.refusedBefore.caseId);
    // the complaint is exported as a request of the period, guidance given, and on no line of the form
    expect(byCase[s.fresh.complaint.caseId]).toMatchObject({ timeliness: '', standing: '', online: 'Đã hướng dẫn (khiếu nại, tố cáo)' });
    // the withdrawn requests are listed, closed as withdrawn with the requester's writing, never resolved
    const withdrawal = (id: string) => {
      const line = lines.find((l) => l[0] === id)!;
      return { status: line[column('Trạng thái')], reason: line[column('Lý do kết thúc')], writing: line[column('Văn bản rút yêu cầu')] };
    };
    expect(byCase[s.fresh.withdrawn.caseId]).toMatchObject({ timeliness: '', resolvedAt: '', standing: 'Rút yêu cầu (không tính vào biểu)', online: 'Đã tiếp nhận trực tiếp (tính vào biểu)' });
    expect(withdrawal(s.fresh.withdrawn.caseId)).toEqual({ status: 'closed', reason: 'withdrawn', writing: 'Đơn xin rút yêu cầu thi hành án nộp tại Bộ phận một cửa (hồ sơ 208)' });
    expect(byCase[s.fresh.withdrawnOnline.caseId]).toMatchObject({ timeliness: '', standing: '', online: 'Rút yêu cầu' });
    expect(withdrawal(s.fresh.withdrawnOnline.caseId)).toEqual({ status: 'closed', reason: 'withdrawn', writing: 'Đơn xin rút yêu cầu thi hành án gửi qua bưu điện (hồ sơ 209)' });
  });
});
