import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { testNoticePorts } from './support/notice-ports';
import { localClientConfig } from '../../local/services/aws-local';
import { noticeAccessKey, accessTokenKey, requesterSummaryKey } from '../../shared/cases/keys';
import { caseSnapshot, type CaseSnapshot } from '../../shared/cases/snapshot';
import type { CaseRecord, NewEvent } from '../../shared/cases/model';
import type { CaseStore } from '../../shared/cases/store';
import type { CaseChange } from '../../shared/cases/repository';
import { sendNotice, sendNotices, type NoticePorts } from '../../shared/notices/send-notice';
import { officeDirectory } from '../../shared/offices/default-directory';
import { DynamoCitizenAccessStore } from '../../shared/citizen/access-store';
import { citizenLinkMinter } from '../../shared/citizen/citizen-links';
import { requestEventOf } from '../../shared/intake/request-event';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { awaitStep } from '../../shared/workflow/steps';
import { recordReceiptAndNotify } from '../../shared/workflow/receipt-notices';
import type { ReceiptPorts } from '../../shared/workflow/receipt-steps';
import { receiptChecks } from '../../functions/commons/receipt-checks';
import { toVietnamIso } from '../../shared/time/vietnam-time';

/**
 * The two notices that follow a receipt (the acknowledgement and the desk's new-case notice) are claimed and
 * recorded together, from the case passed along in the workflow's state (issue 12): each still goes once, a
 * stale snapshot is never written from, and the acknowledgement's link token is stored only by the attempt that
 * wins the claim. On the stack's real DynamoDB, with a mail service the test controls.
 */
const OFFICE_ADDRESS = 'kv1@hcm.thads.example';
const citizen = { name: 'Lê Thị Hoa', address: 'le.thi.hoa@example.com' };

let t: TestStack;
let db: DynamoDBDocumentClient;
let template: { record: CaseRecord; request: NewEvent };
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(22600);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)));
  // A case as its receipt leaves it (procedure, first deadline, checklist), copied below under fresh ids whose notices are not sent yet.
  const opened = await drive.openCase({ from: citizen, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 7/2026/DS-ST.' });
  const request = requestEventOf(await t.cases.listEvents(opened.caseId))!;
  template = { record: opened, request: { type: request.type, at: request.at, actor: request.actor, data: request.data } };
}, 300_000);

afterAll(async () => {
  await t?.stop();
});

let copies = 0;
/** A received case whose acknowledgement and new-case notice are not sent yet, and its snapshot as Record receipt passes it along. */
async function receivedCase(): Promise<{ caseId: string; known: CaseSnapshot }> {
  const caseId = `HCMKV1-2026-${String(900_000 + ++copies * 10 + Math.floor(Math.random() * 10))}`;
  const { lastSeq: _seq, lastHash: _hash, pendingStep: _pending, requesterHadCases: _had, ...record } = template.record;
  const at = toVietnamIso(t.stack.clock.now());
  await t.cases.openCase({ ...record, caseId, status: 'received' }, [template.request], { messageId: `<copy-${caseId}@example.com>`, direction: 'in', status: 'done', disposition: 'opened-case', caseId, at });
  const { record: written, events } = await t.cases.requireCaseWithEvents(caseId);
  return { caseId, known: caseSnapshot(written, events) };
}

interface Sent {
  to: string;
  raw: string;
}

/** The notify function's ports on the stack's real store, the access store and a mail service the test controls; `calls` counts the store's methods used. */
function noticePorts(send: NoticePorts['sendRaw'], calls: Record<string, number> = {}, cases: CaseStore = t.cases): NoticePorts {
  const counted = new Proxy(cases, {
    get: (target, property, receiver) => {
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (...args: unknown[]) => {
            calls[String(property)] = (calls[String(property)] ?? 0) + 1;
            return value.apply(target, args);
          }
        : value;
    },
  });
  return testNoticePorts(t, send, counted, {
    citizenLinks: citizenLinkMinter(new DynamoCitizenAccessStore(db, t.names.table), () => 'https://motcua.example'),
    claimWaitMs: 30_000,
  });
}

function mailService(sent: Sent[], refuse: (to: string) => boolean = () => false): NoticePorts['sendRaw'] {
  return async (raw, to) => {
    if (refuse(to)) throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    sent.push({ to, raw: raw.toString('utf8') });
    return { providerMessageId: `p-${sent.length}-${Math.random().toString(36).slice(2)}` };
  };
}

const noticesSent = async (caseId: string) => (await t.cases.listEvents(caseId)).filter((e) => e.type === 'notice-sent').map((e) => e.data.notice);
const desk = officeDirectory.offices.find((o) => o.code === 'HCMKV1')!.staff.desk;

/** The link tokens stored for a case (each hashed, under ACCESS#), and the one its acknowledgement's pointer names. */
async function tokensOf(caseId: string): Promise<{ stored: string[]; pointed?: string }> {
  const items = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: t.names.table, FilterExpression: 'entity = :e AND caseId = :c', ExpressionAttributeValues: { ':e': 'citizen-access', ':c': caseId }, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const pointer = (await db.send(new GetCommand({ TableName: t.names.table, Key: noticeAccessKey(caseId, `<${caseId}.acknowledgement@${officeDirectory.agency.mailDomain}>`), ConsistentRead: true }))).Item;
  return { stored: items.map((i) => String(i.PK).slice('ACCESS#'.length)), pointed: pointer?.tokenHash as string | undefined };
}

async function expectChained(caseId: string) {
  const { record, events } = await t.cases.requireCaseWithEvents(caseId);
  expect(verifyChain(events, record)).toEqual({ ok: true });
  return { record, events };
}

describe('the acknowledgement and the desk’s notice, sent together', () => {
  it('from the case passed along: no read, one claim with the link token, one record of both, each sent once', async () => {
    const { caseId, known } = await receivedCase();
    const sent: Sent[] = [];
    const calls: Record<string, number> = {};

    const { results, record } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(mailService(sent), calls), known);

    expect(results.map((r) => r.alreadySent)).toEqual([false, false]);
    expect(sent.map((s) => s.to)).toEqual([citizen.address, desk]);
    expect(calls).toEqual({ claimOutbounds: 1, changeCase: 1 });
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    const { record: stored } = await expectChained(caseId);
    expect(record.lastSeq).toBe(stored.lastSeq); // what the wait is given is the case as it is
    // The link the acknowledgement shows opens the token the claim stored, and only that one was stored.
    const tokens = await tokensOf(caseId);
    expect(tokens.stored).toEqual([tokens.pointed]);
    expect((await db.send(new GetCommand({ TableName: t.names.table, Key: accessTokenKey(tokens.pointed!) }))).Item).toMatchObject({ caseId, purpose: 'status' });
    expect(sent[0]!.raw).toContain('https://motcua.example');
    for (const notice of ['acknowledgement', 'new-case']) {
      expect(await t.cases.getMessage(`<${caseId}.${notice}@${officeDirectory.agency.mailDomain}>`)).toMatchObject({ status: 'done', disposition: 'sent' });
    }
  });

  it('from a snapshot gone stale (an officer reassigned the case meanwhile): the claim is refused, nothing stored, each sent once from the case as it is', async () => {
    const { caseId, known } = await receivedCase();
    await t.cases.changeCase(caseId, (current) => ({ update: { assignee: 'nguyen.van.an' }, events: [{ type: 'reassigned', at: toVietnamIso(t.stack.clock.now()), actor: { kind: 'officer', id: 'head' }, data: { from: current.assignee ?? null, to: 'nguyen.van.an', note: 'Giao cho anh An' } }] }));
    const sent: Sent[] = [];
    const refused: Array<string[] | undefined> = [];
    const watched = new Proxy(t.cases, {
      get: (target, property, receiver) =>
        property === 'claimOutbounds'
          ? async (...args: Parameters<NonNullable<CaseStore['claimOutbounds']>>) => {
              const claimed = await target.claimOutbounds(...args);
              refused.push(claimed);
              return claimed;
            }
          : Reflect.get(target, property, receiver),
    });

    const { record } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(mailService(sent), {}, watched), known);

    expect(refused).toEqual([undefined]);
    expect(sent.map((s) => s.to)).toEqual([citizen.address, desk]);
    const { events } = await expectChained(caseId);
    expect(events.map((e) => e.type).slice(-3)).toEqual(['reassigned', 'notice-sent', 'notice-sent']);
    expect(record.assignee).toBe('nguyen.van.an');
    const tokens = await tokensOf(caseId);
    expect(tokens.stored).toEqual([tokens.pointed]); // the refused claim stored no token; the one that sent did
  });

  it('with the acknowledgement sent by an earlier attempt: only the desk’s notice goes, and each is on the timeline once', async () => {
    const { caseId } = await receivedCase();
    const sent: Sent[] = [];
    const ports = noticePorts(mailService(sent));
    await sendNotice(caseId, 'acknowledgement', undefined, ports);
    const { record, events } = await t.cases.requireCaseWithEvents(caseId);

    const { results } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, ports, caseSnapshot(record, events));

    expect(results.map((r) => r.alreadySent)).toEqual([true, false]);
    expect(sent.map((s) => s.to)).toEqual([citizen.address, desk]);
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    await expectChained(caseId);
    const tokens = await tokensOf(caseId);
    expect(tokens.stored).toEqual([tokens.pointed]);
  });

  it('with the desk’s notice refused by the mail service after the acknowledgement went: the retry sends only the desk’s', async () => {
    const { caseId, known } = await receivedCase();
    const sent: Sent[] = [];
    let refuseDesk = true;
    const ports = noticePorts(mailService(sent, (to) => to === desk && refuseDesk));

    await expect(sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, ports, known)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(await noticesSent(caseId)).toEqual(['acknowledgement']);
    refuseDesk = false;
    // Step Functions retries the Task with the same input: the snapshot is stale now.
    const { results } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, ports, known);

    expect(results.map((r) => r.alreadySent)).toEqual([true, false]);
    expect(sent.map((s) => s.to)).toEqual([citizen.address, desk]);
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    await expectChained(caseId);
  });

  it('asked for twice at once: one attempt wins the claim and stores the one token; each notice is sent once and both attempts succeed', async () => {
    const { caseId, known } = await receivedCase();
    const sent: Sent[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const slow: NoticePorts['sendRaw'] = async (raw, to) => {
      if (first) {
        first = false;
        await gate; // the winner is slow to hand its first mail over: the other attempt meets its claims
      }
      return mailService(sent)(raw, to);
    };
    const held: string[] = [];
    const watched = new Proxy(t.cases, {
      get: (target, property, receiver) =>
        property === 'claimOutbound'
          ? async (...args: Parameters<CaseStore['claimOutbound']>) => {
              const claim = await target.claimOutbound(...args);
              held.push(claim.state);
              if (claim.state === 'held') release();
              return claim;
            }
          : Reflect.get(target, property, receiver),
    });

    const attempts = await Promise.all([
      sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(slow), known),
      (async () => {
        await eventually('the first attempt to claim', async () => ((await t.cases.getMessage(`<${caseId}.acknowledgement@${officeDirectory.agency.mailDomain}>`)) ? true : undefined));
        return sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(mailService(sent), {}, watched), known);
      })(),
    ]);

    expect(held[0]).toBe('held');
    expect(attempts.map((a) => a.results.map((r) => r.alreadySent))).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(sent.map((s) => s.to).sort()).toEqual([citizen.address, desk].sort());
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    await expectChained(caseId);
    const tokens = await tokensOf(caseId);
    expect(tokens.stored).toEqual([tokens.pointed]);
  }, 60_000);
});

/** A case as intake opens it (no procedure decided, no deadline, no checklist yet): what `Record receipt` is given. */
async function openedCase(): Promise<{ caseId: string; requester: string }> {
  const caseId = `HCMKV1-2026-${String(800_000 + ++copies * 10 + Math.floor(Math.random() * 10))}`;
  const { lastSeq: _seq, lastHash: _hash, pendingStep: _pending, flow: _flow, checklist: _checklist, round: _round, readingWords: _words, ...record } = template.record;
  const at = toVietnamIso(t.stack.clock.now());
  // A requester's first request, as intake opens it (requesterHadCases: false): the receipt looks for no other case.
  const requester = `hoa.${caseId.toLowerCase()}@example.com`;
  await t.cases.openCase(
    { ...record, caseId, status: 'received', deadlines: {}, requester: { ...record.requester, address: requester }, requesterHadCases: false },
    [template.request],
    { messageId: `<opened-${caseId}@example.com>`, direction: 'in', status: 'done', disposition: 'opened-case', caseId, at },
  );
  return { caseId, requester };
}

/** The notify function's ports for `Record receipt`: the notices' ports and the receipt's checks. */
const receiptPorts = (ports: NoticePorts): NoticePorts & ReceiptPorts => ({ ...ports, checklistFor: receiptChecks(ports.clock) });
const RECEIPT_EVENTS = ['procedure-identified', 'deadline-set', 'checks-completed'];

describe('the receipt with its two notices, one Task (Record receipt, run by notify)', () => {
  it('records the receipt and sends each notice once, from the case it wrote: one read of the case, and the wait is given the case as the notices left it', async () => {
    const { caseId, requester } = await openedCase();
    const sent: Sent[] = [];
    const calls: Record<string, number> = {};

    const result = await recordReceiptAndNotify(caseId, ['acknowledgement', 'new-case'], receiptPorts(noticePorts(mailService(sent), calls)));

    expect(calls).toEqual({ requireCaseWithEvents: 1, changeCase: 2, claimOutbounds: 1 });
    expect(sent.map((s) => s.to)).toEqual([requester, desk]);
    expect(result.notices.map((n) => n.alreadySent)).toEqual([false, false]);
    const { record, events } = await expectChained(caseId);
    expect(events.map((e) => e.type).slice(1)).toEqual([...RECEIPT_EVENTS, 'notice-sent', 'notice-sent']);
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    expect(result).toMatchObject({ procedure: record.procedure, flow: record.flow, round: 1, clock: { dueAt: record.deadlines.review!.dueAt } });
    expect(result.clock.known).toEqual({ record }); // what the review's wait is given: the case as it is
  });

  it('retried after the desk’s notice was refused: records nothing again, keeps the deadline it set, and sends only the desk’s; a third run sends nothing', async () => {
    const { caseId, requester } = await openedCase();
    const sent: Sent[] = [];
    let refuseDesk = true;
    const ports = receiptPorts(noticePorts(mailService(sent, (to) => to === desk && refuseDesk)));

    await expect(recordReceiptAndNotify(caseId, ['acknowledgement', 'new-case'], ports)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    const { deadlines } = await t.cases.requireCase(caseId);
    expect(await noticesSent(caseId)).toEqual(['acknowledgement']);
    refuseDesk = false;
    // Step Functions retries the Task a day later (the throttling policy's back-off, stretched): a deadline computed again would move.
    const later = { ...ports, clock: { now: () => new Date(t.stack.clock.now().getTime() + 86_400_000) } };
    const retried = await recordReceiptAndNotify(caseId, ['acknowledgement', 'new-case'], later);
    const again = await recordReceiptAndNotify(caseId, ['acknowledgement', 'new-case'], later);

    expect(retried.notices.map((n) => n.alreadySent)).toEqual([true, false]);
    expect(again.notices.map((n) => n.alreadySent)).toEqual([true, true]);
    expect(sent.map((s) => s.to)).toEqual([requester, desk]);
    const { record, events } = await expectChained(caseId);
    for (const type of RECEIPT_EVENTS) expect(events.filter((e) => e.type === type), type).toHaveLength(1);
    expect(await noticesSent(caseId)).toEqual(['acknowledgement', 'new-case']);
    expect(record.deadlines).toEqual(deadlines);
    expect([retried.clock.dueAt, again.clock.dueAt]).toEqual([deadlines.review!.dueAt, deadlines.review!.dueAt]);
    expect(again.clock.known.record!.lastSeq).toBe(record.lastSeq);
  });
});

describe('the review’s wait, from the case passed along', () => {
  it('given a case gone stale (an officer reassigned it after the notices), is chained after that change and keeps it', async () => {
    const { caseId, known } = await receivedCase();
    const { record: afterNotices } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(mailService([])), known);
    await t.cases.changeCase(caseId, (current) => ({ update: { assignee: 'nguyen.van.an' }, events: [{ type: 'reassigned', at: toVietnamIso(t.stack.clock.now()), actor: { kind: 'officer', id: 'head' }, data: { from: current.assignee ?? null, to: 'nguyen.van.an' } }] }));

    await awaitStep(caseId, 'review', 'token-1', { cases: t.cases, directory: officeDirectory, clock: t.stack.clock }, undefined, afterNotices);

    const { record, events } = await expectChained(caseId);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['reassigned', 'step-awaiting']);
    expect(record).toMatchObject({ assignee: 'nguyen.van.an', pendingStep: { step: 'review', taskToken: 'token-1' } });
  });

  it('given the case as the notices left it, writes its event without reading the case', async () => {
    const { caseId, known } = await receivedCase();
    const { record: afterNotices } = await sendNotices(caseId, ['acknowledgement', 'new-case'], undefined, noticePorts(mailService([])), known);
    const reads: string[] = [];
    const watched = new Proxy(t.cases, {
      get: (target, property, receiver) => {
        if (['requireCase', 'getCase', 'requireCaseWithEvents'].includes(String(property))) reads.push(String(property));
        return Reflect.get(target, property, receiver);
      },
    });

    await awaitStep(caseId, 'review', 'token-2', { cases: watched, directory: officeDirectory, clock: t.stack.clock }, undefined, afterNotices);

    expect(reads).toEqual([]);
    const { events } = await expectChained(caseId);
    expect(events.at(-1)).toMatchObject({ type: 'step-awaiting', data: { step: 'review' } });
  });
});

describe('a change decided on a snapshot', () => {
  it('is refused, or found needless, only of the case read afresh', async () => {
    const { caseId, known } = await receivedCase();
    await t.cases.changeCase(caseId, () => ({ update: { assignee: 'nguyen.van.an' }, events: [{ type: 'reassigned', at: toVietnamIso(t.stack.clock.now()), actor: { kind: 'officer', id: 'head' }, data: { from: null, to: 'nguyen.van.an' } }] }));
    const noteOnAssigned = (current: CaseRecord): CaseChange => {
      if (!current.assignee) throw new Error('no assignee');
      return { update: {}, events: [{ type: 'reassigned', at: toVietnamIso(t.stack.clock.now()), actor: { kind: 'officer', id: 'head' }, data: { from: current.assignee, to: current.assignee, note: 'Giữ nguyên' } }] };
    };

    // The snapshot has no assignee yet: the refusal it leads to is not believed; the case as it is has one.
    const { events } = await t.cases.changeCase(caseId, noteOnAssigned, known.record!);
    expect(events).toHaveLength(1);
    // Nothing to do, seen on the snapshot, is not believed either.
    const { events: more } = await t.cases.changeCase(caseId, (current) => (current.assignee ? noteOnAssigned(current) : undefined), known.record!);
    expect(more).toHaveLength(1);
    await expectChained(caseId);
  });
});

describe('a requester’s first case', () => {
  it('is known at opening: two first requests at once make one case that had none and one that had one, and the next has some', async () => {
    const address = `new.requester.${Date.now()}@example.com`;
    const mail = (n: number) => ({ from: { name: 'Võ Văn Nam', address }, to: OFFICE_ADDRESS, subject: `Đơn yêu cầu thi hành án (lần ${n})`, text: 'Tôi yêu cầu thi hành Bản án số 31/2026/DS-ST.' });
    const firstTwo = await Promise.all([drive.openCase(mail(31)), drive.openCase(mail(32))]);
    expect(firstTwo.map((c) => c.requesterHadCases).sort()).toEqual([false, true]);
    const third = await drive.openCase(mail(33));
    expect(third.requesterHadCases).toBe(true);
    // The later of the first two, and the third, looked for the others (their checks name them as duplicates of the same judgment).
    const later = firstTwo.find((c) => c.requesterHadCases)!;
    const earlier = firstTwo.find((c) => !c.requesterHadCases)!;
    expect(JSON.stringify(later.checklist)).toContain(earlier.caseId);
    expect(JSON.stringify(third.checklist)).toContain(later.caseId);
  }, 300_000);

  it('is counted by the backfill for a requester indexed before the counts existed, once', async () => {
    const address = `known.before.${Date.now()}@example.com`;
    for (const n of [41, 42]) await drive.openCase({ from: { name: 'Đỗ Thị Lan', address }, to: OFFICE_ADDRESS, subject: `Đơn yêu cầu thi hành án ${n}`, text: `Tôi yêu cầu thi hành Bản án số ${n}/2026/DS-ST.` });
    await db.send(new DeleteCommand({ TableName: t.names.table, Key: requesterSummaryKey(address) })); // as a table from before

    expect(await t.cases.backfillRequesterCounts()).toBe(1); // every other requester's count is right already
    expect((await db.send(new GetCommand({ TableName: t.names.table, Key: requesterSummaryKey(address), ConsistentRead: true }))).Item).toMatchObject({ caseCount: 2 });
    expect(await t.cases.backfillRequesterCounts()).toBe(0);
    // Its next request is no first one: its receipt looks for the others.
    const next = await drive.openCase({ from: { name: 'Đỗ Thị Lan', address }, to: OFFICE_ADDRESS, subject: 'Đơn yêu cầu thi hành án 43', text: 'Tôi yêu cầu thi hành Bản án số 43/2026/DS-ST.' });
    expect(next.requesterHadCases).toBe(true);
  }, 300_000);
});
