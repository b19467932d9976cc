import { messageItem } from '../cases/repository';
import { claimOrWait } from './claim';
import type { CaseStore } from '../cases/store';
import type { Clock } from '../clock';
import type { CaseRecord, DocumentRef, NewEvent, TimelineEvent } from '../cases/model';
import type { CaseChange } from '../cases/repository';
import { knownRecord, type CaseSnapshot } from '../cases/snapshot';
import type { OfficeDirectory } from '../offices/directory';
import { composeRawMessage } from '../mail/outbound-message';
import { toVietnamIso } from '../time/vietnam-time';
import type { ProcedureSettings } from '../workflow/procedure-settings';
import { prepareNotice, type NoticeKind } from './case-notices';
import { requesterNoticesHeld } from '../intake/sender-trust';
import type { AccessPurpose } from '../citizen/access-token';
import { CITIZEN_LINK_OF, withCitizenLink } from './citizen-links';
import { sha256Hex } from '../timeline/hash-chain';

export type { NoticeKind } from './case-notices';

export interface NoticePorts {
  cases: CaseStore;
  directory: OfficeDirectory;
  clock: Clock;
  procedureOf(code: string): ProcedureSettings;
  readDocument(ref: Pick<DocumentRef, 'bucket' | 'key'>): Promise<Buffer>;
  /** Keeps a letter printed for the post (a requester without an e-mail address); the reference carries its SHA-256. */
  storeDocument(key: string, content: Buffer, contentType: string): Promise<{ bucket: string; key: string; sha256?: string }>;
  /** Sends a raw MIME message; returns the id the mail service gave it. */
  sendRaw(raw: Buffer, to: string): Promise<{ providerMessageId: string }>;
  /** Message-IDs under which the mail service may deliver a message it was given (SES rewrites Message-ID). */
  providerMessageIds(providerMessageId: string): string[];
  /** How long an attempt waits for another attempt that is sending the same notice, before it gives up (MessageInProgress, retried). */
  claimWaitMs?: number;
  /**
   * Mints the private link a letter carries (the status page, the survey), storing its token's hash for
   * the notice under its Message-ID (shared/citizen/citizen-links.ts). Without it, letters carry no link.
   */
  citizenLinks?: {
    linkFor(caseId: string, purpose: AccessPurpose, messageId: string, at: string): Promise<string>;
    /** A fresh link whose token the send claim's own transaction stores (sendNotices); undefined where it cannot. */
    linkWithClaim?(caseId: string, purpose: AccessPurpose, messageId: string, at: string): { url: string; writes: Array<{ item: Record<string, unknown>; condition: string }> } | undefined;
  };
}

/**
 * Sends one notice of a case, once: its Message-ID comes from the notice's key (the case, the
 * notice, and the round, appointment or deadline it is about); a notice already sent is not sent
 * again, and two concurrent attempts cannot both send it. The sending goes on the timeline.
 *
 * The claim never fails the case by itself: an attempt that did not send (the mail service refused,
 * or it failed before) releases it, so the next attempt sends at once; an attempt that meets one
 * still sending waits for it; an attempt that sent records it before anything else, so a retry
 * after a later failure only writes the timeline. The one gap left: an attempt that dies between
 * the mail service accepting and that record (milliseconds; a lost connection in that instant)
 * leaves its lease to lapse (OUTBOUND_LEASE_MS), and the next attempt sends the notice again.
 */
export async function sendNotice(caseId: string, kind: NoticeKind, step: string | undefined, ports: NoticePorts): Promise<SentNotice & { record: CaseRecord }> {
  const { record: caseRecord, events } = await readCase(caseId, ports);
  const result = await sendNoticeOf(caseRecord, events, kind, step, ports);
  return { ...result, record: result.record ?? caseRecord };
}

/**
 * Sends the notices of a case that go together (the acknowledgement, then the desk's new-case notice; or one
 * notice whose case was passed along), each once under its own key, with the guarantees of sendNotice, in fewer
 * calls: the case as the step before left it (`known`, a snapshot) instead of a read; one transaction that claims
 * every notice to be e-mailed, only while the case is still at the snapshot's `lastSeq`, and stores the link
 * token of the one that carries a link (so only the attempt that wins the claims stores a token); and one
 * transaction that writes every `notice-sent` event and marks every claim sent (each only while it is still this
 * attempt's). When that claim is refused (the case moved since the snapshot, a notice was claimed or sent
 * already: a retry, a concurrent attempt), nothing was written, and each notice goes on its own (sendNotice, from
 * the case read afresh), which sends only what is not yet sent, or waits for the attempt that is sending it.
 * Returns what became of each notice, and the case as they left it (the next step's snapshot).
 */
export async function sendNotices(caseId: string, kinds: NoticeKind[], step: string | undefined, ports: NoticePorts, known?: CaseSnapshot): Promise<{ results: SentNotice[]; record: CaseRecord }> {
  const snapshot = knownRecord(caseId, known);
  const fromSnapshot = snapshot && known?.events ? { record: snapshot, events: known.events } : undefined;
  const { record: caseRecord, events } = fromSnapshot ?? (await readCase(caseId, ports));
  const now = ports.clock.now();
  const plans = await Promise.all(kinds.map((kind) => planNotice(caseRecord, events, kind, step, now, ports)));
  const results = () => plans.map((p) => ({ messageId: p.messageId, alreadySent: false, ...(p.route === 'none' ? { needless: p.needless } : {}) }));
  const mail = plans.filter((p): p is SendPlan => p.route === 'mail');
  const toPost = plans.some((p) => p.route === 'post');
  // Nothing to send, seen on the case as just read (on a snapshot, it is only believed of the case read afresh, below).
  if (!fromSnapshot && mail.length === 0 && !toPost) return { results: results(), record: caseRecord };
  const record = mail.length > 0 && !toPost ? await sendTogether(caseRecord, mail, step, now, ports) : undefined;
  if (record) return { results: results(), record };
  const each: SentNotice[] = [];
  let latest = caseRecord;
  for (const kind of kinds) {
    const { record: after, ...result } = await sendNotice(caseId, kind, step, ports);
    each.push(result);
    latest = after;
  }
  return { results: each, record: latest };
}

/**
 * The notices to e-mail, claimed together while the case is at `caseRecord.lastSeq`, sent, and recorded together.
 * Undefined when the claim was refused (nothing written); else the case as the record of the sending left it.
 */
async function sendTogether(caseRecord: CaseRecord, mail: Array<SendPlan>, step: string | undefined, now: Date, ports: NoticePorts): Promise<CaseRecord | undefined> {
  if (!ports.cases.claimOutbounds) return undefined;
  const caseId = caseRecord.caseId;
  const at = toVietnamIso(now);
  // The links are minted now, and stored by the claim's transaction: only if this attempt wins the claims.
  const links = mail.map((p) => {
    const purpose = CITIZEN_LINK_OF[p.kind];
    return purpose && ports.citizenLinks && p.prepared.audience === 'requester' ? { purpose, link: ports.citizenLinks.linkWithClaim?.(caseId, purpose, p.messageId, at) } : undefined;
  });
  if (links.some((l) => l && !l.link)) return undefined; // a link whose token the claim cannot store: each on its own
  const claimIds = await ports.cases.claimOutbounds(
    mail.map((p) => ({ messageId: p.messageId, caseId, at })),
    { caseId, lastSeq: caseRecord.lastSeq },
    links.flatMap((l) => l?.link?.writes ?? []),
  );
  if (!claimIds) return undefined;
  const release = (from: number) => Promise.all(mail.slice(from).map((p, i) => ports.cases.releaseOutbound(p.messageId, claimIds[from + i]!)));
  let raws: Buffer[];
  try {
    raws = await Promise.all(
      mail.map((p, i) => {
        const link = links[i];
        return compose(caseRecord, p.kind, p.messageId, link?.link ? { ...p.prepared, notice: withCitizenLink(p.prepared.notice, caseRecord, link.purpose, link.link.url) } : p.prepared, now, ports);
      }),
    );
  } catch (error) {
    await release(0); // nothing went out
    throw error;
  }
  // In order: the requester's before the desk's. One that fails stops the rest (released), as separate Tasks would.
  const sent: Array<{ plan: (typeof mail)[number]; claimId: string; providerMessageId: string }> = [];
  let failure: { error: unknown } | undefined;
  for (const [i, plan] of mail.entries()) {
    try {
      const { providerMessageId } = await ports.sendRaw(raws[i]!, plan.prepared.to);
      sent.push({ plan, claimId: claimIds[i]!, providerMessageId });
    } catch (error) {
      // A refusal (an answer with a status): nothing went out. No answer: it may have, and the lease lapses instead.
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) await ports.cases.releaseOutbound(plan.messageId, claimIds[i]!);
      await release(i + 1);
      failure = { error };
      break;
    }
  }
  // What went out, on the timeline in one transaction with the claims marked sent (each only while still this
  // attempt's), from the case as claimed; if it fails, each claim is marked sent on its own before the error goes on.
  let record: CaseRecord | undefined;
  if (sent.length > 0) {
    try {
      ({ record } = await ports.cases.changeCase(
        caseId,
        () => ({
          update: {},
          events: sent.map((s) => sentEvent(s.plan.kind, step, s.plan.messageId, s.providerMessageId, s.plan.prepared, at)),
          alsoPut: sent.flatMap((s) => sentRecords(caseId, s.plan.messageId, s.providerMessageId, at, ports, s.claimId)),
        }),
        caseRecord,
      ));
    } catch (error) {
      await Promise.all(sent.map((s) => ports.cases.markOutboundSent(s.plan.messageId, s.claimId, s.providerMessageId)));
      throw failure ? failure.error : error;
    }
  }
  if (failure) throw failure.error;
  return record;
}

/** What became of one notice: its Message-ID, whether an earlier attempt sent it, or why it needs no sending. */
export interface SentNotice {
  messageId: string;
  alreadySent: boolean;
  needless?: string;
}

const readCase = (caseId: string, ports: NoticePorts) =>
  ports.cases.requireCaseWithEvents ? ports.cases.requireCaseWithEvents(caseId) : Promise.all([ports.cases.requireCase(caseId), ports.cases.listEvents(caseId)]).then(([record, events]) => ({ record, events }));

/** sendNotice on the case as just read; `record`: the case as this attempt's write left it, when it wrote. */
async function sendNoticeOf(caseRecord: CaseRecord, events: TimelineEvent[], kind: NoticeKind, step: string | undefined, ports: NoticePorts): Promise<SentNotice & { record?: CaseRecord }> {
  const caseId = caseRecord.caseId;
  const now = ports.clock.now();
  const plan = await planNotice(caseRecord, events, kind, step, now, ports);
  if (plan.route === 'none') return { messageId: plan.messageId, alreadySent: false, needless: plan.needless };
  const { messageId, prepared } = plan;
  if (plan.route === 'post') return printForPost(caseRecord, kind, step, messageId, prepared, now, ports);
  const claim = await claimOrWait(messageId, caseId, toVietnamIso(now), ports);
  if (claim.state === 'sent') {
    const record = await recordSent(caseId, kind, step, messageId, claim.providerMessageId ?? 'unknown', prepared, toVietnamIso(now), ports);
    return { messageId, alreadySent: true, record };
  }

  let raw: Buffer;
  try {
    // The link is minted only by the attempt that holds the claim, and stored before the letter goes: a
    // retry that composes again replaces the token (the letter that showed the old one was never sent).
    const purpose = CITIZEN_LINK_OF[kind];
    const linked = purpose && ports.citizenLinks && prepared.audience === 'requester'
      ? { ...prepared, notice: withCitizenLink(prepared.notice, caseRecord, purpose, await ports.citizenLinks.linkFor(caseId, purpose, messageId, toVietnamIso(now))) }
      : prepared;
    raw = await compose(caseRecord, kind, messageId, linked, now, ports);
  } catch (error) {
    await ports.cases.releaseOutbound(messageId, claim.claimId); // nothing went out
    throw error;
  }
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await ports.sendRaw(raw, prepared.to));
  } catch (error) {
    // The mail service answered with a refusal (throttled, rejected): nothing went out. When no answer came (a lost connection) it may have: the lease lapses instead.
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) await ports.cases.releaseOutbound(messageId, claim.claimId);
    throw error;
  }
  // This attempt's own claim: no attempt recorded the sending before (that would have marked the claim sent), so
  // the timeline need not be read again, and the case as read above is decided on first. The claim is marked sent
  // in the same transaction as the timeline's event (conditioned on this claim); if that write fails, the claim is
  // marked sent on its own before the error goes on, so that no retry sends the notice again.
  let record: CaseRecord | undefined;
  try {
    record = await recordSent(caseId, kind, step, messageId, providerMessageId, prepared, toVietnamIso(now), ports, { caseRecord, claimId: claim.claimId });
  } catch (error) {
    await ports.cases.markOutboundSent(messageId, claim.claimId, providerMessageId);
    throw error;
  }
  return { messageId, alreadySent: false, record };
}

type Prepared = Awaited<ReturnType<typeof prepareNotice>>;

/** A notice prepared from the case, and how it goes: by e-mail, as a letter for the post, or not at all (and why). */
type NoticePlan =
  | { kind: NoticeKind; messageId: string; route: 'none'; needless: string }
  | { kind: NoticeKind; messageId: string; route: 'mail' | 'post'; prepared: Prepared };
type SendPlan = Extract<NoticePlan, { prepared: Prepared }>;

async function planNotice(caseRecord: CaseRecord, events: TimelineEvent[], kind: NoticeKind, step: string | undefined, now: Date, ports: NoticePorts): Promise<NoticePlan> {
  const prepared = await prepareNotice(kind, {
    caseRecord,
    events,
    directory: ports.directory,
    procedure: ports.procedureOf(caseRecord.procedure),
    now,
    step,
    readDocument: (ref) => ports.readDocument(ref),
  });
  const messageId = `<${prepared.key}@${ports.directory.agency.mailDomain}>`;
  if (prepared.needless) return { kind, messageId, route: 'none', needless: prepared.needless };
  // The agency's signed mail never answers a sender that failed verification, until an officer confirms the address.
  if (prepared.audience === 'requester' && requesterNoticesHeld(caseRecord)) return { kind, messageId, route: 'none', needless: `the sender is not verified (${caseRecord.senderHold!.reasons.join('; ')}); held until an officer confirms the address` };
  // No e-mail address to write to: the notice becomes a letter for the post, once, under the same key.
  return { kind, messageId, route: prepared.audience === 'requester' && !caseRecord.requester.address ? 'post' : 'mail', prepared };
}

/** The notice as the raw MIME message the mail service is given. */
async function compose(caseRecord: CaseRecord, kind: NoticeKind, messageId: string, prepared: Prepared, now: Date, ports: NoticePorts): Promise<Buffer> {
  const office = ports.directory.offices.find((o) => o.code === caseRecord.office)!;
  const toRequester = prepared.audience === 'requester';
  const raw = await composeRawMessage({
    messageId,
    from: { name: office.name, address: ports.directory.agency.senderAddress },
    // Replies go to the office's mailbox, where intake threads them back to the case.
    replyTo: office.email,
    to: prepared.to,
    subject: prepared.notice.subject,
    text: prepared.notice.text,
    ...(toRequester ? { inReplyTo: caseRecord.firstMessageId, references: [caseRecord.firstMessageId] } : {}),
    autoSubmitted: kind === 'acknowledgement' ? 'auto-replied' : 'auto-generated',
    attachments: prepared.notice.attachments,
    date: now,
  });
  return raw;
}

/** The mark a letter for the post leaves in the outbound record, where an e-mail leaves the mail service's id. */
const POSTED_PREFIX = 'post:';

/**
 * A notice to a requester who has no e-mail address: the same notice, printed as a letter (and the PDFs the
 * e-mail would have carried) for the desk to post. Claimed once under the notice's key like an e-mail, stored
 * in the documents bucket with its SHA-256, and recorded on the timeline as `letter-for-post` (the case page
 * lists these for the officer). A retry after the letter was stored records only what is missing.
 */
async function printForPost(caseRecord: CaseRecord, kind: NoticeKind, step: string | undefined, messageId: string, prepared: Prepared, now: Date, ports: NoticePorts): Promise<SentNotice & { record?: CaseRecord }> {
  const caseId = caseRecord.caseId;
  const at = toVietnamIso(now);
  const claim = await claimOrWait(messageId, caseId, at, ports);
  const folder = `cases/${caseId}/letters/${prepared.key.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  if (claim.state === 'sent') {
    const events = await ports.cases.listEvents(caseId);
    if (events.some((e) => e.type === 'letter-for-post' && e.data.messageId === messageId)) return { messageId, alreadySent: true };
    // Stored by an attempt that stopped before the timeline: name what it stored, with the hash of the bytes there.
    const where = (claim.providerMessageId ?? '').slice(POSTED_PREFIX.length);
    const bucket = where.slice(0, where.indexOf('/'));
    const keys = [where.slice(bucket.length + 1), ...(prepared.notice.attachments ?? []).filter(isPrintable).map((a) => `${folder}/${a.filename}`)];
    const documents = await Promise.all(
      keys.map(async (key, i) => {
        const content = await ports.readDocument({ bucket, key });
        return { name: i === 0 ? letterName(prepared) : key.slice(folder.length + 1), contentType: 'application/pdf', bucket, key, sha256: sha256Hex(content), size: content.length };
      }),
    );
    const record = await recordPrinted(caseId, kind, step, messageId, prepared, documents, at, ports);
    return { messageId, alreadySent: true, record };
  }
  let documents: DocumentRef[];
  try {
    const office = ports.directory.offices.find((o) => o.code === caseRecord.office)!;
    const enclosures = (prepared.notice.attachments ?? []).filter(isPrintable);
    // Loaded at the first letter for the post, as pdfkit is: a rare path of notify (its bundle's start budget, infra/bundling.ts).
    const { postalLetterPdf } = await import('../documents/postal-letter');
    const letter = await postalLetterPdf({
      caseId,
      office,
      agencyName: ports.directory.agency.name,
      subject: prepared.notice.subject,
      text: prepared.notice.text,
      recipient: { name: caseRecord.requester.name, postalAddress: caseRecord.requester.postalAddress },
      enclosures: enclosures.map((a) => a.filename),
      issuedAt: now,
    });
    const store = async (key: string, name: string, content: Buffer): Promise<DocumentRef> => ({ name, contentType: 'application/pdf', ...(await ports.storeDocument(key, content, 'application/pdf')), sha256: sha256Hex(content), size: content.length });
    documents = [await store(`${folder}/letter-${sha256Hex(letter).slice(0, 16)}.pdf`, letterName(prepared), letter), ...(await Promise.all(enclosures.map((a) => store(`${folder}/${a.filename}`, a.filename, a.content))))];
  } catch (error) {
    await ports.cases.releaseOutbound(messageId, claim.claimId); // nothing was kept: the next attempt prints it
    throw error;
  }
  // Where the letter is, in place of a mail service's id: a retry finds it there (bucket names hold no '/').
  await ports.cases.markOutboundSent(messageId, claim.claimId, `${POSTED_PREFIX}${documents[0]!.bucket}/${documents[0]!.key}`);
  const record = await recordPrinted(caseId, kind, step, messageId, prepared, documents, at, ports);
  return { messageId, alreadySent: false, record };
}

/** Only PDFs go in the envelope (an ICS invitation is for a mail client). */
const isPrintable = (a: { contentType: string; filename: string }) => a.contentType.startsWith('application/pdf');

const letterName = (prepared: Prepared) => `Thư gửi qua bưu điện - ${prepared.notice.subject.replace(/[\\/:*?"<>|]/g, '-')}.pdf`;

async function recordPrinted(caseId: string, kind: NoticeKind, step: string | undefined, messageId: string, prepared: Prepared, documents: DocumentRef[], at: string, ports: NoticePorts): Promise<CaseRecord> {
  const { record } = await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [
      {
        type: 'letter-for-post',
        at,
        actor: { kind: 'system', component: 'notify' },
        data: { notice: kind, ...(step ? { step } : {}), messageId, to: prepared.to, audience: prepared.audience, subject: prepared.notice.subject, reason: 'the requester has no e-mail address: the letter is printed and sent by post', documents },
      },
    ],
  }));
  return record;
}


/** The sending as the timeline records it. */
function sentEvent(kind: NoticeKind, step: string | undefined, messageId: string, providerMessageId: string, prepared: Prepared, at: string): NewEvent {
  return {
    type: 'notice-sent',
    at,
    actor: { kind: 'system', component: 'notify' },
    data: {
      notice: kind,
      ...(step ? { step } : {}),
      messageId,
      providerMessageId,
      to: prepared.to,
      audience: prepared.audience,
      subject: prepared.notice.subject,
      // the letter's text as sent, hashed on the chain: an auditor can prove a kept copy is what went out
      textSha256: sha256Hex(prepared.notice.text),
      attachments: (prepared.notice.attachments ?? []).map((a) => a.filename),
    },
  };
}

/**
 * The message records of a sent notice, written with its event: its own (marked sent; `claimId`: only while the
 * claim is still this attempt's) and those under the Message-IDs the mail service delivers it with.
 */
function sentRecords(caseId: string, messageId: string, providerMessageId: string, at: string, ports: NoticePorts, claimId?: string): NonNullable<CaseChange['alsoPut']> {
  const outbound = (id: string) => messageItem({ messageId: id, direction: 'out', status: 'done', disposition: 'sent', caseId, at, providerMessageId });
  return [
    claimId ? { item: outbound(messageId), condition: 'claimId = :claim', values: { ':claim': claimId } } : { item: outbound(messageId) },
    ...ports.providerMessageIds(providerMessageId).map((id) => ({ item: outbound(id) })),
  ];
}

/**
 * The sending on the timeline, once (a retry after the mail went out writes only what is missing).
 * `sentNow`: this attempt sent it under its claim, with the case as read before: the message record is
 * marked sent in the same transaction, only while the claim is still this attempt's. Returns the case as it is after.
 */
async function recordSent(
  caseId: string,
  kind: NoticeKind,
  step: string | undefined,
  messageId: string,
  providerMessageId: string,
  prepared: Prepared,
  at: string,
  ports: NoticePorts,
  sentNow?: { caseRecord: CaseRecord; claimId: string },
): Promise<CaseRecord | undefined> {
  if (!sentNow) {
    const events = await ports.cases.listEvents(caseId);
    if (events.some((e) => e.type === 'notice-sent' && e.data.messageId === messageId)) return undefined;
  }
  const { record } = await ports.cases.changeCase(
    caseId,
    () => ({ update: {}, events: [sentEvent(kind, step, messageId, providerMessageId, prepared, at)], alsoPut: sentRecords(caseId, messageId, providerMessageId, at, ports, sentNow?.claimId) }),
    sentNow?.caseRecord,
  );
  return record;
}
