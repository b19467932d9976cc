import { describe, expect, it } from 'vitest';
import { checkTimeliness, deadlineFor } from '../../../shared/calendar';
import type { StepDeadline, TimelineEvent } from '../../../shared/cases/model';
import { stepClocks } from '../../../shared/staff/case-view';
import { completeStep } from '../../../shared/workflow/steps';
import type { ResultPorts } from '../../../shared/workflow/result-steps';
import { recordCopySent } from '../../../shared/procuracy/dispatch';
import { MemoryCases } from '../api/fakes';
import { directory, iso, vn } from './fixtures';

/**
 * One definition of on time (`checkTimeliness` in shared/calendar): the workflow's records (a completed
 * step, the copy to the procuracy) and the case view say the same of the same instants, and so does the
 * definition itself. The expectations are written by hand, so a definition that drifts fails too.
 */
const office = 'HCMKV1'; // 08:00-12:00, 13:00-17:00
// Received Monday 2 March 2026 at 10:00: 5 working days, legal → due Monday 9 March at 17:00.
const legal = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 5, counting: 'legal', office, directory }) as StepDeadline;
// The same receipt, 1 working day in working hours → due Tuesday 3 March at 10:00.
const hours = deadlineFor({ receivedAt: vn('2026-03-02 10:00'), workingDays: 1, office, directory }) as StepDeadline;

const instants: Array<[string, StepDeadline, string, boolean]> = [
  ['a minute before the legal due instant', legal, '2026-03-09 16:59', true],
  ['exactly at the legal due instant (closing)', legal, '2026-03-09 17:00', true],
  ['a minute after closing on the due day', legal, '2026-03-09 17:01', false],
  ['in the evening of the due day', legal, '2026-03-09 19:30', false],
  ['the next morning before opening', legal, '2026-03-10 07:00', false],
  ['the next morning at opening', legal, '2026-03-10 08:00', false],
  ['a working minute into the next day', legal, '2026-03-10 08:01', false],
  ['a minute before a working-hours due instant', hours, '2026-03-03 09:59', true],
  ['exactly at a working-hours due instant', hours, '2026-03-03 10:00', true],
  ['a minute after a working-hours due instant', hours, '2026-03-03 10:01', false],
  ['at lunch on the day of a working-hours due instant, two working hours late', hours, '2026-03-03 12:30', false],
];

function portsAt(cases: MemoryCases, at: string): ResultPorts {
  return {
    cases: cases.repository,
    directory,
    clock: { now: () => vn(at) },
    procedureOf: () => {
      throw new Error('not used');
    },
    storeDocument: async () => ({ bucket: 'b', key: 'k' }),
  } as unknown as ResultPorts;
}

describe('on time: the definition, the workflow and the case view agree', () => {
  it.each(instants)('%s', async (_story, deadline, at, expected) => {
    const definition = checkTimeliness(deadline, vn(at), { directory }).onTime;
    expect(definition).toBe(expected);

    // the workflow: a step completed at that instant
    const cases = new MemoryCases();
    cases.add({ caseId: 'C-1', office, status: 'awaiting-decision', deadlines: { decision: deadline, 'procuracy-copy': deadline }, pendingStep: { step: 'decision', taskToken: 't', since: iso('2026-03-02 10:00'), dueAt: deadline.dueAt } });
    const ports = portsAt(cases, at);
    await completeStep('C-1', 'decision', { outcome: 'signed' }, ports);
    // the daily dispatch to the procuracy, sending the copy at that instant
    const dispatch = { id: 'd', caseIds: ['C-1'], part: 1, parts: 1 };
    await cases.repository.changeCase('C-1', (r) => recordCopySent(r, { messageId: '<m@x>', providerMessageId: 'p', to: 'vks@x', subject: 's', textSha256: 'h', attachment: 'a.pdf', sentAt: iso(at), dispatch }, { directory }));
    const events = cases.events.get('C-1')!;
    expect(events.find((e) => e.type === 'step-completed')!.data.onTime).toBe(expected);
    expect(events.find((e) => e.type === 'procuracy-copy-sent')!.data.onTime).toBe(expected);
    expect(cases.records.get('C-1')!.procuracyCopy!.onTime).toBe(expected);

    // the case view: from what the workflow recorded, and from an event recorded without a verdict (older cases)
    const record = cases.records.get('C-1')!;
    expect(stepClocks(record, events, directory).find((s) => s.step === 'decision')).toMatchObject({ onTime: expected, counting: deadline.counting });
    const withoutVerdict: TimelineEvent[] = events.map((e) => (e.type === 'step-completed' ? { ...e, data: { ...e.data, onTime: undefined } } : e));
    expect(stepClocks(record, withoutVerdict, directory).find((s) => s.step === 'decision')!.onTime).toBe(expected);
  });
});

describe('the case view shows a provisional due date as such', () => {
  it('marks a step whose deadline spans a year without an official schedule', () => {
    const provisional = deadlineFor({ receivedAt: vn('2026-12-28 10:00'), workingDays: 5, counting: 'legal', office, directory }) as StepDeadline; // due 5/1/2027
    const cases = new MemoryCases();
    const record = cases.add({ caseId: 'C-2', office, deadlines: { decision: provisional, review: hours } });
    const clocks = stepClocks(record, [], directory);
    expect(clocks.find((s) => s.step === 'decision')).toMatchObject({ dueAt: iso('2027-01-05 17:00'), counting: 'legal', provisional: true });
    expect(clocks.find((s) => s.step === 'review')!.provisional).toBeUndefined();
  });
});
