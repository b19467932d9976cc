import { describe, expect, it } from 'vitest';
import { MemoryCases } from '../api/fakes';
import { officeDirectory } from '../../../shared/offices/default-directory';
import { procedureCatalog } from '../../../shared/procedures/default-catalog';
import { procedureSettings } from '../../../shared/workflow/procedure-settings';
import { dispatchToProcuracies, type DispatchPorts } from '../../../shared/procuracy/dispatch';
import type { DispatchRecord } from '../../../shared/procuracy/dispatch-store';
import type { DueCopy } from '../../../shared/procuracy/due';

const now = new Date('2026-12-02T16:30:00+07:00'); // a Wednesday
const due = (caseId: string, dispatchId?: string): DueCopy => ({ caseId, office: 'HCMKV1', dueAt: '2026-12-07T17:00:00+07:00', since: '2026-12-02T10:00:00+07:00', ...(dispatchId ? { dispatchId } : {}) });
const dispatch = (id: string, caseIds: string[]): DispatchRecord => ({ id, caseIds, part: 1, parts: 1, office: 'HCMKV1', at: '2026-12-02T16:30:00+07:00' });

/** A case decided, its PDF in the store, and a store of the office's partition whose listing the test writes. */
function setUp(listings: Array<{ due: DueCopy[]; dispatches: DispatchRecord[] }>, stored: Record<string, DispatchRecord>) {
  const cases = new MemoryCases();
  cases.add({
    caseId: 'HCMKV1-2026-000001',
    office: 'HCMKV1',
    procedure: 'enforcement-request',
    decision: { number: '15/QĐ-THADS', date: '2026-12-02', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document: { name: 'qd.pdf', contentType: 'application/pdf', bucket: 'b', key: 'k', size: 4 }, recordedAt: '2026-12-02T10:00:00+07:00' },
    deadlines: { 'procuracy-copy': { dueAt: '2026-12-07T17:00:00+07:00', startedAt: '2026-12-02T10:00:00+07:00', calendarVersion: 'v', rule: 'legal' } },
  });
  const calls = { assign: [] as string[], sent: [] as string[] };
  const ports: DispatchPorts = {
    cases: cases.repository,
    directory: { ...officeDirectory, offices: officeDirectory.offices.filter((o) => o.code === 'HCMKV1') },
    clock: { now: () => now },
    procedureOf: (code) => procedureSettings(procedureCatalog, code),
    readDocument: async () => Buffer.from('%PDF'),
    sendRaw: async (raw) => {
      calls.sent.push(raw.toString('latin1').match(/^Message-ID: (.*)$/m)![1]!.trim());
      return { providerMessageId: `ses-${calls.sent.length}` };
    },
    store: {
      listOffice: async () => listings.shift() ?? { due: [], dispatches: [] },
      getDispatch: async (_office, id) => stored[id],
      assign: async (d) => {
        calls.assign.push(d.id);
        return true;
      },
      markSent: async () => undefined,
      remove: async () => undefined,
      removeDue: async () => undefined,
    },
  };
  return { cases, ports, calls };
}

describe('the dispatch to the procuracy, against a run assigning at the same time', () => {
  it('does not plan again a copy whose dispatch the listing missed, but sends that dispatch', async () => {
    // Prepare: the listing read the dispatches before another run's assignment, and the copies after it
    const d = dispatch('d-1', ['HCMKV1-2026-000001']);
    const { ports, calls, cases } = setUp([{ due: [due('HCMKV1-2026-000001', 'd-1')], dispatches: [] }, { due: [due('HCMKV1-2026-000001', 'd-1')], dispatches: [] }], { 'd-1': d });

    // Act
    await dispatchToProcuracies(ports);

    // Assess
    expect(calls.assign).toEqual([]);
    expect(calls.sent).toEqual(['<procuracy-dispatch.HCMKV1.d-1@hcm.thads.example>']);
    expect(cases.events.get('HCMKV1-2026-000001')!.filter((e) => e.type === 'procuracy-copy-sent')).toHaveLength(1);
  });

  it('plans again only a copy whose dispatch is really gone', async () => {
    // Prepare
    const { ports, calls } = setUp([{ due: [due('HCMKV1-2026-000001', 'gone')], dispatches: [] }, { due: [], dispatches: [] }], {});

    // Act
    await dispatchToProcuracies(ports);

    // Assess
    expect(calls.assign).toHaveLength(1);
  });
});
