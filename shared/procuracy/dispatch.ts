import type { CaseRecord, DocumentRef, NewEvent } from '../cases/model';
import type { CaseChange } from '../cases/repository';
import type { CaseStore } from '../cases/store';
import { procuracyDueKey } from '../cases/keys';
import type { Clock } from '../clock';
import { calendarFor } from '../calendar';
import { addDays, localDateOf } from '../calendar/localTime';
import { composeRawMessage } from '../mail/outbound-message';
import { decisionFacts } from '../notices/decision';
import { procuracyDispatchNotice, dispatchedFilename, type DispatchedDecision } from '../notices/procuracy-copy';
import { claimOrWait } from '../notices/claim';
import type { Office, OfficeDirectory } from '../offices/directory';
import { legalBasis as bundledLegalBasis } from '../procedures/default-legal-basis';
import { citationOf, type LegalBasisData } from '../procedures/legal-basis';
import { sha256Hex } from '../timeline/hash-chain';
import { toVietnamIso } from '../time/vietnam-time';
import { decideBreach, decideProcuracyCopy } from '../workflow/decisions';
import type { ProcedureSettings } from '../workflow/procedure-settings';
import type { DispatchRecord, ProcuracyDispatchStore } from './dispatch-store';
import { DISPATCH_TIME, planDispatches } from './plan';

export { DISPATCH_TIME } from './plan';

/**
 * The daily dispatch of decisions to the procuracy: for each office, every decision whose copy is due
 * (shared/procuracy/due.ts) goes to the office's procuracy in one e-mail, a covering letter listing them
 * with each PDF attached (several e-mails when they exceed the size bound, shared/procuracy/plan.ts).
 *
 * Exactly once per decision, however many runs and retries:
 * - the due copies are first assigned to a dispatch, in one transaction that writes the dispatch only if
 *   no run did and each copy only if it is in no dispatch: two runs that see the same copies plan the
 *   same dispatch (its id comes from its cases) and one writes it; a copy is never in two dispatches;
 * - a dispatch is sent under the claim of its Message-ID (shared/notices/claim.ts, as every notice): one
 *   attempt sends, another waits for it; the claim is marked sent with the dispatch's sending facts in
 *   one transaction, before any case is written;
 * - each case then records the sending (the `notice-sent` and `procuracy-copy-sent` events it got when it
 *   was sent on its own) and loses its due item, in one transaction; a case that already has it is left
 *   alone; the dispatch is removed once all have it. A run that stopped anywhere leaves the dispatch,
 *   which the next run finishes: sends it if it was not accepted, else records the cases left.
 * The one gap is sendNotice's: an attempt that dies between the mail service accepting and the claim's
 * record (milliseconds) leaves the lease to lapse, and a later run sends that e-mail again.
 */
export interface DispatchPorts {
  cases: CaseStore;
  store: Pick<ProcuracyDispatchStore, 'listOffice' | 'getDispatch' | 'assign' | 'markSent' | 'remove' | 'removeDue'>;
  directory: OfficeDirectory;
  clock: Clock;
  procedureOf(code: string): ProcedureSettings;
  readDocument(ref: Pick<DocumentRef, 'bucket' | 'key'>): Promise<Buffer>;
  sendRaw(raw: Buffer, to: string): Promise<{ providerMessageId: string }>;
  claimWaitMs?: number;
  legalBasis?: LegalBasisData;
}

export interface OfficeDispatchResult {
  office: string;
  /** Why nothing was sent today (a day off on the office's calendar). */
  skipped?: string;
  /** E-mails this run sent, and the decisions they carried. */
  sent: number;
  decisions: number;
  /** Decisions whose copy passed its deadline unsent: recorded as a breach on the case. */
  breached: string[];
  failures: string[];
}

/** Some dispatch could not be sent or recorded: the run fails, so that the schedule's retries and the next run take it up. */
export class ProcuracyDispatchFailed extends Error {
  override readonly name = 'ProcuracyDispatchFailed';
}

const DISPATCH_ACTOR: NewEvent['actor'] = { kind: 'system', component: 'procuracy-dispatch' };

/** The next instant, from `from` on, when the dispatch runs on a working day of the office (tests and the local stack move the clock there). */
export function nextDispatchAt(directory: OfficeDirectory, office: string, from: Date): Date {
  const calendar = calendarFor({ directory, office });
  let day = localDateOf(from.getTime());
  for (let i = 0; i < 60; i++, day = addDays(day, 1)) {
    const at = new Date(`${day}T${String(DISPATCH_TIME.hour).padStart(2, '0')}:${String(DISPATCH_TIME.minute).padStart(2, '0')}:00+07:00`);
    if (at.getTime() >= from.getTime() && calendar.dayStatus(day).working) return at;
  }
  throw new Error(`no working day of ${office} in the 60 days from ${from.toISOString()}`);
}

/** Whether the office works on the day of `now` (its calendar: weekends, holidays, make-up Saturdays). */
export function isWorkingDay(directory: OfficeDirectory, office: string, now: Date): boolean {
  return calendarFor({ directory, office }).dayStatus(localDateOf(now.getTime())).working;
}

/** One run of the dispatch, for every office (or the ones named); throws ProcuracyDispatchFailed after doing all it could. */
export async function dispatchToProcuracies(ports: DispatchPorts, only?: readonly string[]): Promise<OfficeDispatchResult[]> {
  const offices = ports.directory.offices.filter((o) => !only || only.includes(o.code));
  const results: OfficeDispatchResult[] = [];
  for (const office of offices) results.push(await dispatchOffice(office, ports));
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.office}: ${f}`));
  if (failures.length > 0) throw new ProcuracyDispatchFailed(`the dispatch to the procuracy failed for ${failures.length} item(s): ${failures.join('; ')}`);
  return results;
}

async function dispatchOffice(office: Office, ports: DispatchPorts): Promise<OfficeDispatchResult> {
  const now = ports.clock.now();
  const result: OfficeDispatchResult = { office: office.code, sent: 0, decisions: 0, breached: [], failures: [] };
  if (!isWorkingDay(ports.directory, office.code, now)) return { ...result, skipped: `${localDateOf(now.getTime())} is not a working day of ${office.code}` };
  const documents = new Map<string, Buffer>();
  const pdfOf = async (record: CaseRecord) => {
    const ref = record.decision?.document;
    if (!ref) throw new Error(`the decision of case ${record.caseId} has no document to send`);
    const cached = documents.get(record.caseId) ?? (await ports.readDocument(ref));
    documents.set(record.caseId, cached);
    return cached;
  };

  let { due, dispatches } = await ports.store.listOffice(office.code);
  // A copy naming a dispatch the listing did not show: the Query is not isolated from a run assigning at the same
  // time (it reads the dispatches before the copies), so the dispatch is read again; only one really gone (removed
  // while its case was not recorded: never expected) leaves its copy to be planned again.
  const stale: Record<string, string> = {};
  for (const copy of due.filter((d) => d.dispatchId && !dispatches.some((x) => x.id === d.dispatchId))) {
    const found = dispatches.find((x) => x.id === copy.dispatchId) ?? (await ports.store.getDispatch(office.code, copy.dispatchId!));
    if (found) {
      if (!dispatches.includes(found)) dispatches.push(found);
    } else stale[copy.caseId] = copy.dispatchId!;
  }
  const unassigned = due.filter((d) => !d.dispatchId || stale[d.caseId]);
  if (unassigned.length > 0) {
    const items: Array<{ caseId: string; dueAt: string; size: number }> = [];
    for (const copy of unassigned) {
      try {
        const record = await ports.cases.requireCase(copy.caseId);
        if (record.procuracyCopy) {
          await ports.store.removeDue(office.code, copy.caseId); // recorded before this item was removed: nothing to send
          continue;
        }
        items.push({ caseId: copy.caseId, dueAt: copy.dueAt, size: record.decision?.document?.size ?? (await pdfOf(record)).length });
      } catch (error) {
        result.failures.push(`case ${copy.caseId}: ${(error as Error).message}`);
      }
    }
    const at = toVietnamIso(now);
    // Another run may assign the same copies at the same instant: its transaction or ours fails, and the dispatches are read again.
    for (const planned of planDispatches(office.code, items)) await ports.store.assign({ ...planned, office: office.code, at }, stale);
    ({ due, dispatches } = await ports.store.listOffice(office.code));
  }

  const recorded = new Set<string>();
  for (const dispatch of [...dispatches].sort((a, b) => a.at.localeCompare(b.at) || a.part - b.part)) {
    try {
      const { fresh, caseIds } = await sendDispatch(office, dispatch, pdfOf, ports);
      if (fresh) {
        result.sent += 1;
        result.decisions += dispatch.caseIds.length;
      }
      for (const id of caseIds) recorded.add(id);
    } catch (error) {
      result.failures.push(`dispatch ${dispatch.id} (${dispatch.caseIds.join(', ')}): ${(error as Error).message}`);
    }
  }

  // A copy still unsent past its deadline is a breach, recorded once on its case (the head's dashboard lists it).
  for (const copy of due.filter((d) => !recorded.has(d.caseId) && Date.parse(d.dueAt) <= now.getTime())) {
    try {
      const { events } = await ports.cases.changeCase(copy.caseId, (record) =>
        record.procuracyCopy || record.breaches.includes('procuracy-copy') ? undefined : decideBreach(record, 'procuracy-copy', now, ports),
      );
      if (events.length > 0) result.breached.push(copy.caseId);
    } catch (error) {
      result.failures.push(`breach of case ${copy.caseId}: ${(error as Error).message}`);
    }
  }
  return result;
}

/** The dispatch's Message-ID: from its id, which comes from its office and cases. */
export const dispatchMessageId = (dispatch: Pick<DispatchRecord, 'office' | 'id'>, mailDomain: string) => `<procuracy-dispatch.${dispatch.office}.${dispatch.id}@${mailDomain}>`;

/** Sends one dispatch unless an attempt did, then records it on each of its cases; `fresh` when this attempt sent it. */
async function sendDispatch(office: Office, dispatch: DispatchRecord, pdfOf: (record: CaseRecord) => Promise<Buffer>, ports: DispatchPorts): Promise<{ fresh: boolean; caseIds: string[] }> {
  const messageId = dispatchMessageId(dispatch, ports.directory.agency.mailDomain);
  const records = await Promise.all(dispatch.caseIds.map((id) => ports.cases.requireCase(id)));
  const law = ports.legalBasis ?? bundledLegalBasis;
  const decisions: DispatchedDecision[] = await Promise.all(
    records.map(async (record) => ({
      caseId: record.caseId,
      procedure: ports.procedureOf(record.procedure),
      decision: decisionFacts(record),
      provision: citationOf(law, 'procuracy-copy', record.receivedAt),
      pdf: await pdfOf(record),
    })),
  );
  const to = office.procuracyEmail;
  const notice = procuracyDispatchNotice({
    office,
    procuracyName: office.procuracyName ?? `Viện kiểm sát nhân dân cùng cấp với ${office.name}`,
    decisions,
    issuedAt: dispatch.at,
    part: { part: dispatch.part, parts: dispatch.parts },
  });
  const textSha256 = sha256Hex(notice.text);

  let sent = dispatch.sentAt && dispatch.providerMessageId ? { sentAt: dispatch.sentAt, providerMessageId: dispatch.providerMessageId, textSha256: dispatch.textSha256 ?? textSha256 } : undefined;
  let fresh = false;
  if (!sent) {
    const now = ports.clock.now();
    const claim = await claimOrWait(messageId, undefined, toVietnamIso(now), ports);
    if (claim.state === 'sent') {
      // Sent by another attempt, which recorded its facts on the dispatch in the same transaction: read them.
      const current = (await ports.store.listOffice(office.code)).dispatches.find((d) => d.id === dispatch.id);
      sent = { sentAt: current?.sentAt ?? toVietnamIso(now), providerMessageId: current?.providerMessageId ?? claim.providerMessageId ?? 'unknown', textSha256: current?.textSha256 ?? textSha256 };
    } else {
      let raw: Buffer;
      try {
        raw = await composeRawMessage({
          messageId,
          from: { name: office.name, address: ports.directory.agency.senderAddress },
          replyTo: office.email,
          to,
          subject: notice.subject,
          text: notice.text,
          autoSubmitted: 'auto-generated',
          attachments: notice.attachments,
          date: now,
        });
      } catch (error) {
        await ports.cases.releaseOutbound(messageId, claim.claimId);
        throw error;
      }
      let providerMessageId: string;
      try {
        ({ providerMessageId } = await ports.sendRaw(raw, to));
      } catch (error) {
        // Refused by the mail service: nothing went out, the next attempt sends at once. No answer at all: it may have; the lease lapses instead.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) await ports.cases.releaseOutbound(messageId, claim.claimId);
        throw error;
      }
      sent = { sentAt: toVietnamIso(now), providerMessageId, textSha256 };
      await ports.store.markSent(dispatch, messageId, claim.claimId, sent);
      fresh = true;
    }
  }

  const facts = sent;
  for (const [i, record] of records.entries()) {
    const attachment = dispatchedFilename(decisions[i]!);
    await ports.cases.changeCase(
      record.caseId,
      (current) => recordCopySent(current, { messageId, to, subject: notice.subject, attachment, dispatch, ...facts }, ports),
      record,
    );
  }
  await ports.store.remove(dispatch);
  return { fresh, caseIds: dispatch.caseIds };
}

/**
 * The copy went to the procuracy in a dispatch: on the case's timeline as when it went alone (the notice sent,
 * with the dispatch's Message-ID and the letter's SHA-256; then the copy on time or late), the due item removed.
 */
export function recordCopySent(
  record: CaseRecord,
  sent: { messageId: string; providerMessageId: string; to: string; subject: string; textSha256: string; attachment: string; sentAt: string; dispatch: Pick<DispatchRecord, 'id' | 'caseIds' | 'part' | 'parts'> },
  calendar: Parameters<typeof decideProcuracyCopy>[2],
): CaseChange | undefined {
  const copy = decideProcuracyCopy(record, new Date(sent.sentAt), calendar);
  if (!copy) return undefined;
  const noticeSent: NewEvent = {
    type: 'notice-sent',
    at: sent.sentAt,
    actor: DISPATCH_ACTOR,
    data: {
      notice: 'procuracy-copy',
      messageId: sent.messageId,
      providerMessageId: sent.providerMessageId,
      to: sent.to,
      audience: 'procuracy',
      subject: sent.subject,
      // the covering letter as sent, hashed on the chain: an auditor can prove a kept copy is what went out
      textSha256: sent.textSha256,
      attachments: [sent.attachment],
      dispatch: { id: sent.dispatch.id, decisions: sent.dispatch.caseIds.length, part: sent.dispatch.part, parts: sent.dispatch.parts },
    },
  };
  return { update: copy.update, events: [noticeSent, ...copy.events], alsoDelete: [procuracyDueKey(record.office, record.caseId)] };
}

