import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { warningPoint, type Deadline } from '../../shared/calendar';
import { officeDirectory } from '../../shared/offices/default-directory';
import { vietnamMonth } from '../../shared/time/vietnam-time';
import { UNASSIGNED, type OfficeDashboard } from '../../shared/staff/dashboard';
import type { CaseSearchResult } from '../../shared/staff/queue';

/**
 * The head's dashboard on cases the workflow produced: real mails in, deadlines passed by moving the
 * local clock, refusals closing cases. "Breaches this month" counts deadlines that passed undone in the
 * month, whenever the case was received and whether or not it is closed since; the console's old
 * approximation (cases received this month with a breach) misses a case received the month before.
 */

let t: TestStack;
const PORT_BASE = 21600;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(PORT_BASE);
});

afterAll(async () => {
  await t?.stop();
});

const headKV2: LocalTokenRequest = { role: 'head', office: 'HCMKV2', sub: 'u-truong', name: 'Trưởng Văn Phòng' };
const headKV1: LocalTokenRequest = { role: 'head', office: 'HCMKV1', sub: 'u-hai', name: 'Nguyễn Văn Hải' };
const officerKV2: LocalTokenRequest = { role: 'officer', office: 'HCMKV2', sub: 'u-binh', name: 'Võ Văn Bình' };
const auditorHCM: LocalTokenRequest = { role: 'auditor', scope: { kind: 'province', province: 'HCM' }, sub: 'u-kiem', name: 'Kiểm tra viên' };

async function get<T>(path: string, who: LocalTokenRequest): Promise<{ status: number; body: T }> {
  const response = await fetch(`${t.stack.urls.api}${path}`, { headers: { authorization: `Bearer ${await signLocalToken(t.dataDir, who)}` } });
  return { status: response.status, body: (await response.json()) as T };
}

let citizenNo = 0;
const request = () => {
  citizenNo += 1;
  return { from: { name: `Người yêu cầu ${citizenNo}`, address: `nguoi.yeu.cau.${citizenNo}@example.com` }, to: 'kv2@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành bản án số 7/2026/DS-ST.' };
};
const refusal = { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' };
const monthOf = (iso: string) => vietnamMonth(new Date(iso));
function nextMonth(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
/** 16:00 on the last day of the month, Vietnam time: a review received then falls due the month after. */
function lastAfternoonOf(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(lastDay).padStart(2, '0')}T16:00:00+07:00`;
}

/** A review left undone past its deadline, then refused: the case closes with its breach recorded. */
async function breachedThenRefused() {
  const opened = await drive.openCase(request());
  await drive.passTime(opened.deadlines.review!.dueAt);
  await drive.event(opened.caseId, 'deadline-breached');
  await drive.act(opened.caseId, 'review', refusal);
  await drive.closed(opened.caseId);
  return opened;
}

describe("the head's dashboard counts from the server", () => {
  it('breaches of a month include closed cases and cases received the month before; at risk, late and load are of the open cases', async () => {
    const firstMonth = vietnamMonth(await drive.stackNow());
    const secondMonth = nextMonth(firstMonth);

    // A: received, breached and refused in the first month
    const a = await breachedThenRefused();
    expect(monthOf(a.deadlines.review!.dueAt)).toBe(firstMonth);

    // B: received on the first month's last afternoon, its review deadline passes in the second month; still open
    await drive.passTime(lastAfternoonOf(firstMonth), 0);
    const b = await drive.openCase(request());
    expect(monthOf(b.receivedAt)).toBe(firstMonth);
    expect(monthOf(b.deadlines.review!.dueAt)).toBe(secondMonth);
    await drive.passTime(b.deadlines.review!.dueAt);
    await drive.event(b.caseId, 'deadline-breached');

    // C: received in the second month, breached, then refused (closed)
    const c = await breachedThenRefused();
    expect(monthOf(c.receivedAt)).toBe(secondMonth);
    expect(monthOf(c.deadlines.review!.dueAt)).toBe(secondMonth);

    // D: received in the second month, past its warning point, not yet due
    const d = await drive.openCase(request());
    await drive.passTime(warningPoint(d.deadlines.review as unknown as Deadline, 0.75, officeDirectory, d.office), 1);
    await t.idle();

    // the console's old approximation: cases received this month that breached: C only, B is missed
    const old = await get<CaseSearchResult>(`/cases?office=HCMKV2&receivedFrom=${secondMonth}-01&breached=true&limit=200`, headKV2);
    expect(old.status).toBe(200);
    expect(old.body.items.map((i) => i.caseId)).toEqual([c.caseId]);

    const now = await get<OfficeDashboard>('/offices/HCMKV2/dashboard', headKV2);
    expect(now.status).toBe(200);
    expect(now.body.month).toBe(secondMonth);
    expect(now.body.breachesInMonth).toEqual([
      { caseId: b.caseId, step: 'review', dueAt: b.deadlines.review!.dueAt, closed: false },
      { caseId: c.caseId, step: 'review', dueAt: c.deadlines.review!.dueAt, closed: true },
    ]);
    expect(now.body.open).toBe(2);
    expect(now.body.atRisk.map((s) => s.caseId)).toEqual([d.caseId]);
    expect(now.body.late.map((s) => s.caseId)).toEqual([b.caseId]);
    expect(now.body.attention).toEqual([]);
    expect(now.body.load).toEqual([{ officer: UNASSIGNED, open: 2, warning: 1, breached: 1 }]);

    // the first month: A alone, though it is closed
    const before = await get<OfficeDashboard>(`/offices/HCMKV2/dashboard?month=${firstMonth}`, headKV2);
    expect(before.body.breachesInMonth.map((x) => [x.caseId, x.closed])).toEqual([[a.caseId, true]]);

    // an auditor in scope reads the same figures
    const audited = await get<OfficeDashboard>(`/offices/HCMKV2/dashboard?month=${secondMonth}`, auditorHCM);
    expect(audited.status).toBe(200);
    expect(audited.body.breachesInMonth.map((x) => x.caseId)).toEqual([b.caseId, c.caseId]);
  });

  it('is refused to officers in plain words, to the head of another office, and a month that is not one is named', async () => {
    const officer = await get<{ error: string; message: string }>('/offices/HCMKV2/dashboard', officerKV2);
    expect(officer.status).toBe(403);
    expect(officer.body.message).toBe('the dashboard of an office is for its head and for auditors; an officer works from the work queue (GET /cases)');

    const stranger = await get<{ error: string; message: string }>('/offices/HCMKV2/dashboard', headKV1);
    expect(stranger.status).toBe(403);
    expect(stranger.body.message).toMatch(/head of HCMKV1 may not export cases of HCMKV2/);

    const badMonth = await get<{ error: string; message: string }>('/offices/HCMKV2/dashboard?month=2026-13', headKV2);
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.message).toMatch(/month/);
  });
});
