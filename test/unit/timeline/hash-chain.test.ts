import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, GENESIS_HASH, verifyChain, type ChainedFields } from '../../../shared/timeline/hash-chain';
import { chainEvents } from '../../../shared/cases/repository';
import { caseStateHash } from '../../../shared/timeline/case-state';
import type { NewEvent, TimelineEvent } from '../../../shared/cases/model';

const CASE = 'HCMKV1-2026-000001';

/** The first five events of a request for enforcement, as intake, workflow and notify record them. */
const story: NewEvent[] = [
  {
    type: 'message-received',
    at: '2026-11-23T16:30:00+07:00',
    actor: { kind: 'requester', address: 'nguyenvanan.hcm@gmail.com' },
    data: { subject: 'Đơn yêu cầu thi hành án - Bản án số 123/2026/DS-PT', attachments: [{ name: 'Bản án số 123-2026-DS-PT.pdf', size: 599 }] },
  },
  { type: 'case-opened', at: '2026-11-23T16:30:02+07:00', actor: { kind: 'system', component: 'intake' }, data: { office: 'HCMKV1', routedBy: 'kv1@hcm.thads.example' } },
  { type: 'deadline-set', at: '2026-11-23T16:30:03+07:00', actor: { kind: 'system', component: 'workflow' }, data: { step: 'review', dueAt: '2026-11-24T16:30:00+07:00' } },
  { type: 'notice-sent', at: '2026-11-23T16:30:05+07:00', actor: { kind: 'system', component: 'notify' }, data: { notice: 'acknowledgement' } },
  { type: 'reply-received', at: '2026-11-24T08:47:19+07:00', actor: { kind: 'requester', address: 'nguyenvanan.hcm@gmail.com' }, data: { matchedBy: 'in-reply-to' } },
];

const timeline = (): TimelineEvent[] => chainEvents(CASE, 0, GENESIS_HASH, story);
const headOf = (events: TimelineEvent[]) => ({ lastSeq: events.at(-1)!.seq, lastHash: events.at(-1)!.hash });

describe('a case timeline as the repository writes it', () => {
  it('verifies, with and without the head the case item records', () => {
    // Prepare
    const events = timeline();

    // Act
    const alone = verifyChain(events);
    const withHead = verifyChain(events, headOf(events));

    // Assess
    expect(alone).toEqual({ ok: true });
    expect(withHead).toEqual({ ok: true });
  });

  it('numbers events from 1 and links each to the hash of the one before, the first to the genesis hash', () => {
    // Prepare, Act
    const events = timeline();

    // Assess
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]!.prevHash).toBe(GENESIS_HASH);
    for (const [i, e] of events.slice(1).entries()) expect(e.prevHash).toBe(events[i]!.hash);
    expect(new Set(events.map((e) => e.hash)).size).toBe(5);
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('continues from the case’s last event when later events are appended', () => {
    // Prepare
    const first = chainEvents(CASE, 0, GENESIS_HASH, story.slice(0, 2));
    const last = first.at(-1)!;

    // Act
    const later = chainEvents(CASE, last.seq, last.hash, story.slice(2));

    // Assess
    expect(later.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect([...first, ...later]).toEqual(timeline());
    expect(verifyChain([...first, ...later], headOf(later))).toEqual({ ok: true });
  });

  it('appends nothing for no events', () => {
    // Prepare, Act
    const none = chainEvents(CASE, 4, 'a'.repeat(64), []);

    // Assess
    expect(none).toEqual([]);
  });

  it('an empty timeline verifies against an empty head, and not against a head that names events', () => {
    // Prepare, Act
    const empty = verifyChain([], { lastSeq: 0, lastHash: GENESIS_HASH });
    const missing = verifyChain([], { lastSeq: 2, lastHash: 'b'.repeat(64) });

    // Assess
    expect(empty).toEqual({ ok: true });
    expect(missing).toEqual({ ok: false, firstBreak: { kind: 'truncated', lastSeq: 0, expectedLastSeq: 2, expectedLastHash: 'b'.repeat(64) } });
  });
});

describe('a timeline someone changed', () => {
  const k = 3;
  const edits: Array<[string, (e: TimelineEvent) => TimelineEvent]> = [
    ['its type', (e) => ({ ...e, type: 'case-closed' })],
    ['its time', (e) => ({ ...e, at: '2026-11-23T16:29:00+07:00' })],
    ['its actor', (e) => ({ ...e, actor: { kind: 'officer', id: 'can-bo-07' } })],
    ['a value deep in its data', (e) => ({ ...e, data: { ...e.data, dueAt: '2026-11-27T16:30:00+07:00' } })],
    ['a field added to its data', (e) => ({ ...e, data: { ...e.data, waived: true } })],
    ['its case', (e) => ({ ...e, caseId: 'HCMKV1-2026-000002' })],
    ['its recorded hash', (e) => ({ ...e, hash: 'f'.repeat(64) })],
  ];

  it.each(edits)('reports event 3 as edited when %s was changed', (_field, edit) => {
    // Prepare
    const events = timeline();
    events[k - 1] = edit(events[k - 1]!);

    // Act
    const result = verifyChain(events, headOf(timeline()));

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'edited', seq: k } });
  });

  it('reports event 3 when its sequence number was edited', () => {
    // Prepare
    const events = timeline();
    events[k - 1] = { ...events[k - 1]!, seq: 4 };

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'reordered-or-removed', seq: 4, expectedSeq: k } });
  });

  it('reports event 3 as edited when its link to event 2 was changed', () => {
    // Prepare
    const events = timeline();
    events[k - 1] = { ...events[k - 1]!, prevHash: GENESIS_HASH };

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'edited', seq: k } });
  });

  it('does not hide an edit by re-computing the edited event’s hash: event 4 recorded another hash for it', () => {
    // Prepare
    const events = timeline();
    const edited = { ...events[k - 1]!, data: { step: 'review', dueAt: '2026-12-31T16:30:00+07:00' } };
    events[k - 1] = { ...edited, hash: eventHash(edited) };

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'rehashed', seq: k } });
  });

  it('reports the gap when an event in the middle was removed', () => {
    // Prepare
    const events = timeline().filter((e) => e.seq !== 3);

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'reordered-or-removed', seq: 4, expectedSeq: 3 } });
  });

  it('reports the first displaced event when two events were swapped', () => {
    // Prepare
    const events = timeline();
    [events[1], events[2]] = [events[2]!, events[1]!];

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'reordered-or-removed', seq: 3, expectedSeq: 2 } });
  });

  it('cannot see the removal of the last event without the head, and reports it with the head', () => {
    // Prepare
    const full = timeline();
    const truncated = full.slice(0, -1);

    // Act
    const alone = verifyChain(truncated);
    const withHead = verifyChain(truncated, headOf(full));

    // Assess
    expect(alone).toEqual({ ok: true });
    expect(withHead).toEqual({ ok: false, firstBreak: { kind: 'truncated', lastSeq: 4, expectedLastSeq: 5, expectedLastHash: full[4]!.hash } });
  });

  it('catches an edit of the last event re-hashed to look consistent, by the head', () => {
    // Prepare
    const full = timeline();
    const edited = { ...full[4]!, data: { matchedBy: 'subject' } };
    const events = [...full.slice(0, -1), { ...edited, hash: eventHash(edited) }];

    // Act
    const alone = verifyChain(events);
    const withHead = verifyChain(events, headOf(full));

    // Assess
    expect(alone).toEqual({ ok: true });
    expect(withHead).toEqual({ ok: false, firstBreak: { kind: 'rehashed', seq: 5 } });
  });
});

describe('an event added behind the case head', () => {
  it('is reported as unrecorded, at the first sequence number the case does not know', () => {
    // Prepare
    const full = timeline();
    const head = headOf(full.slice(0, 3));

    // Act
    const result = verifyChain(full, head);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'unrecorded', seq: 4 } });
  });

  it('whose first event does not start from the genesis hash is reported as relinked', () => {
    // Prepare
    const events = timeline();
    const moved = { ...events[0]!, prevHash: 'f'.repeat(64) };
    events[0] = { ...moved, hash: eventHash(moved) };

    // Act
    const result = verifyChain(events);

    // Assess
    expect(result).toEqual({ ok: false, firstBreak: { kind: 'relinked', seq: 1 } });
  });
});

describe('canonicalJson', () => {
  it('writes the same text whatever order the keys were written in, at every level', () => {
    // Prepare
    const written = { type: 'deadline-set', data: { step: 'review', dueAt: '2026-11-24T16:30:00+07:00', rule: { days: 1, cutoff: '15:00' } }, seq: 3 };
    const readBack = { seq: 3, data: { rule: { cutoff: '15:00', days: 1 }, dueAt: '2026-11-24T16:30:00+07:00', step: 'review' }, type: 'deadline-set' };

    // Act
    const a = canonicalJson(written);
    const b = canonicalJson(readBack);

    // Assess
    expect(a).toBe(b);
    expect(a).toBe('{"data":{"dueAt":"2026-11-24T16:30:00+07:00","rule":{"cutoff":"15:00","days":1},"step":"review"},"seq":3,"type":"deadline-set"}');
  });

  it('ignores fields whose value is undefined, as DynamoDB does not store them', () => {
    // Prepare, Act
    const withUndefined = canonicalJson({ name: 'Nguyễn Văn An', phone: undefined, address: { ward: undefined, city: 'Hồ Chí Minh' } });
    const without = canonicalJson({ name: 'Nguyễn Văn An', address: { city: 'Hồ Chí Minh' } });

    // Assess
    expect(withUndefined).toBe(without);
  });

  it('keeps the order of arrays, and writes Vietnamese as it is', () => {
    // Prepare, Act
    const text = canonicalJson({ attachments: ['Bản án.pdf', 'Ảnh CCCD.jpg'] });
    const reversed = canonicalJson({ attachments: ['Ảnh CCCD.jpg', 'Bản án.pdf'] });

    // Assess
    expect(text).toBe('{"attachments":["Bản án.pdf","Ảnh CCCD.jpg"]}');
    expect(reversed).not.toBe(text);
  });

  it('writes null, numbers, booleans and strings as JSON does', () => {
    // Prepare, Act, Assess
    expect([null, 0, -1.5, true, 'a"b', undefined].map(canonicalJson)).toEqual(['null', '0', '-1.5', 'true', '"a\\"b"', 'null']);
  });
});

describe('eventHash', () => {
  const fields: ChainedFields = { caseId: CASE, seq: 1, type: 'message-received', at: '2026-11-23T16:30:00+07:00', actor: { kind: 'requester', address: 'an@example.net' }, data: { a: 1 }, prevHash: GENESIS_HASH };

  it('does not depend on the order in which the event’s fields were read back', () => {
    // Prepare
    const readBack = { data: { a: 1 }, prevHash: GENESIS_HASH, actor: { address: 'an@example.net', kind: 'requester' }, at: fields.at, type: fields.type, seq: 1, caseId: CASE };

    // Act, Assess
    expect(eventHash(readBack)).toBe(eventHash(fields));
  });

  it('does not cover what is stored beside the event (its keys, its own hash)', () => {
    // Prepare
    const stored = { ...fields, PK: `CASE#${CASE}`, SK: 'EVT#000001', entity: 'event', hash: 'x' } as ChainedFields;

    // Act, Assess
    expect(eventHash(stored)).toBe(eventHash(fields));
  });

  it('changes with the hash of the event before it', () => {
    // Prepare, Act, Assess
    expect(eventHash({ ...fields, prevHash: '1'.repeat(64) })).not.toBe(eventHash(fields));
  });
});

describe('the case state on the chain', () => {
  it('hashes the reportable fields only: a renewed task token changes nothing, a removed breach does', () => {
    const base = { office: 'HCMKV1', status: 'awaiting-review' as const, breaches: ['review'], deadlines: {}, pendingStep: { step: 'review', taskToken: 'a', since: 's', dueAt: 'd' } };
    expect(caseStateHash({ ...base, pendingStep: { ...base.pendingStep, taskToken: 'b' }, updatedAt: 'later' })).toBe(caseStateHash(base));
    expect(caseStateHash({ ...base, breaches: [] })).not.toBe(caseStateHash(base));
  });

  it('old events without a case state hash as they always did', () => {
    const fields = { caseId: 'C', seq: 1, type: 't', at: 'a', actor: {}, data: {}, prevHash: '0'.repeat(64) };
    expect(eventHash({ ...fields, caseState: undefined })).toBe(eventHash(fields));
    expect(eventHash({ ...fields, caseState: 'x' })).not.toBe(eventHash(fields));
  });
});
