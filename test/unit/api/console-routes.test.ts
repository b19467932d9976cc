import { describe, expect, it } from 'vitest';
import { auditor, defaultEvents, officer, testApi, waitingForReview } from './fakes';
import { timeLeftOf, timeLeftSchema } from '../../../shared/staff/time-left';
import { consoleReferenceSchema } from '../../../shared/staff/reference';
import { appointmentBookSchema } from '../../../shared/staff/appointment-book';
import { directory } from './fakes';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { officeDirectory } from '../../../shared/offices/default-directory';

const CASE = 'HCMKV1-2026-000001';

describe('GET /reference (what the staff console picks from)', () => {
  it("gives the directory's offices and each procedure's required items and legal basis, without contact addresses", async () => {
    const t = testApi();
    const res = await t.call('GET', '/reference', officer('HCMKV1'));
    expect(res.status).toBe(200);
    expect(consoleReferenceSchema.safeParse(res.json).success).toBe(true);
    expect(res.json.offices.map((o: { code: string }) => o.code)).toEqual(directory.offices.map((o) => o.code));
    expect(JSON.stringify(res.json)).not.toMatch(/@/);
    const request = res.json.procedures.find((p: { code: string }) => p.code === 'enforcement-request');
    expect(request.requiredItems.length).toBeGreaterThan(0);
    expect(request.requiredItems[0]).toEqual({ id: expect.any(String), label: expect.any(String), required: expect.any(Boolean) });
    expect(request.legalBasis.some((c: { citation: string }) => /Luật Thi hành án dân sự/.test(c.citation))).toBe(true);
  });

  it('needs a token', async () => {
    expect((await testApi().call('GET', '/reference')).status).toBe(401);
  });
});

describe('the work queue gives each case its working time left (shared/staff/time-left)', () => {
  it('counts working minutes on the office calendar, and says when the warning point or the deadline passed', () => {
    const deadline = { dueAt: '2026-03-03T09:00:00+07:00', startedAt: '2026-03-02T09:00:00+07:00', calendarVersion: 'c', rule: 'r', workingMinutes: 480, pauses: [] };
    const record = { office: 'HCMKV1', procedure: 'enforcement-request' as const, pendingStep: { step: 'review', taskToken: 't', since: deadline.startedAt, dueAt: deadline.dueAt }, deadlines: { review: deadline } };
    const early = timeLeftOf(record, new Date('2026-03-02T10:00:00+07:00'), directory, procedureCatalog)!;
    expect(early).toMatchObject({ step: 'review', level: 'on-track', lateByWorkingMinutes: 0 });
    expect(early.remainingWorkingMinutes).toBeGreaterThan(0);
    expect(early.minutesPerDay).toBeGreaterThan(0);
    const late = timeLeftOf(record, new Date('2026-03-03T08:45:00+07:00'), directory, procedureCatalog)!;
    expect(late.level).toBe('warning');
    const breached = timeLeftOf(record, new Date('2026-03-03T11:00:00+07:00'), directory, procedureCatalog)!;
    expect(breached).toMatchObject({ level: 'breached', remainingWorkingMinutes: 0 });
    expect(breached.lateByWorkingMinutes).toBeGreaterThan(0);
    expect(timeLeftOf({ ...record, pendingStep: undefined }, new Date(), directory, procedureCatalog)).toBeUndefined();
  });

  it('is part of each waiting case in GET /cases', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() });
    const res = await t.call('GET', '/cases', officer('HCMKV1'));
    expect(timeLeftSchema.safeParse(res.json.items[0].timeLeft).success).toBe(true);
    expect(res.json.items[0].timeLeft).toMatchObject({ step: 'review', dueAt: '2026-03-03T09:00:00+07:00', level: expect.stringMatching(/on-track|warning|breached/) });
  });
});

describe('GET /cases/{id}/documents?disposition=inline (PDFs and images shown in the console)', () => {
  it('signs inline links for PDFs and images only, attachments otherwise, and refuses an unknown disposition', async () => {
    const t = testApi();
    const asked: Array<{ name: string; inline: boolean }> = [];
    t.ports.documents.signedGetUrl = async (doc, _seconds, options) => {
      asked.push({ name: doc.name, inline: !!options?.inline });
      return `https://signed.example/${doc.key}`;
    };
    const events = defaultEvents(CASE);
    events[0]!.data.attachments = [
      { name: 'bản án.pdf', contentType: 'application/pdf', bucket: 'docs', key: 'a.pdf' },
      { name: 'ảnh.jpg', contentType: 'image/jpeg', bucket: 'docs', key: 'b.jpg' },
      { name: 'trang.html', contentType: 'text/html', bucket: 'docs', key: 'c.html' },
    ];
    t.cases.add({ caseId: CASE, office: 'HCMKV1', ...waitingForReview() }, events);
    expect((await t.call('GET', `/cases/${CASE}/documents?disposition=inline`, auditor({ kind: 'all' }))).status).toBe(200);
    expect(asked).toEqual([
      { name: 'bản án.pdf', inline: true },
      { name: 'ảnh.jpg', inline: true },
      { name: 'trang.html', inline: false },
    ]);
    asked.length = 0;
    await t.call('GET', `/cases/${CASE}/documents`, officer('HCMKV1'));
    expect(asked.every((a) => !a.inline)).toBe(true);
    expect(await t.call('GET', `/cases/${CASE}/documents?disposition=open`, officer('HCMKV1'))).toMatchObject({ status: 400 });
  });
});

describe('GET /offices/{office}/appointments (the appointment book)', () => {
  const occupancy = (booked: Record<string, string[]>) => ({
    occupancy: async (office: string, date: string) =>
      Object.entries(booked)
        .filter(([key]) => key.startsWith(date))
        .map(([key, caseIds]) => ({ office, date, session: key.split('|')[1]!, taken: caseIds.length, capacity: 2, caseIds })),
  });

  it('lists each session of the working days with its capacity and who is booked, by name', async () => {
    const t = testApi();
    t.cases.add({ caseId: CASE, office: 'HCMKV1', requester: { address: 'an@example.com', name: 'Nguyễn Văn An' }, ...waitingForReview() });
    // The test directory has no appointment settings: give it the deployed ones.
    t.ports.directory = { ...directory, defaultAppointments: officeDirectory.defaultAppointments };
    const session = officeDirectory.defaultAppointments.sessions[0]!.name;
    t.ports.appointments = occupancy({ [`2026-03-03|${session}`]: [CASE] });
    // 2026-03-02 is a Monday: a week from it has five working days.
    const res = await t.call('GET', '/offices/HCMKV1/appointments?from=2026-03-02&days=7', officer('HCMKV1'));
    expect(res.status).toBe(200);
    expect(appointmentBookSchema.safeParse(res.json).success).toBe(true);
    expect(res.json.days.map((d: { date: string }) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    const tuesday = res.json.days[1].sessions.find((s: { session: string }) => s.session === session);
    expect(tuesday).toMatchObject({ taken: 1, capacity: 2, booked: [{ caseId: CASE, requester: 'Nguyễn Văn An' }] });
    expect(res.json.days[0].sessions.every((s: { taken: number }) => s.taken === 0)).toBe(true);
  });

  it("refuses another office's officer, and names a bad query", async () => {
    const t = testApi();
    t.ports.appointments = occupancy({});
    expect(await t.call('GET', '/offices/HCMKV1/appointments', officer('HCMKV2'))).toMatchObject({ status: 403 });
    expect(await t.call('GET', '/offices/HCMKV1/appointments?days=90', officer('HCMKV1'))).toMatchObject({ status: 400, json: { message: expect.stringContaining('days') } });
    expect(await t.call('GET', '/offices/HCMKV1/appointments?from=03/03/2026', officer('HCMKV1'))).toMatchObject({ status: 400 });
    expect(await t.call('GET', '/offices/NOWHERE/appointments', auditor({ kind: 'all' }))).toMatchObject({ status: 400 });
  });
});
