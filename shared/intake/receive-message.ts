import { createHash } from 'node:crypto';
import { messageItem, MessageInProgress } from '../cases/repository';
import type { CaseStore } from '../cases/store';
import type { AttachmentRef, CaseRecord, NewEvent, QuarantinedAttachment } from '../cases/model';
import { caseIdsInSubject } from '../cases/case-id';
import { openRequestCase } from './open-case';
import { MalformedMessage, parseInboundMessage, type InboundMessage } from '../mail/inbound-message';
import { officeByAddress, type Office, type OfficeDirectory } from '../offices/directory';
import { toVietnamIso, vietnamYear } from '../time/vietnam-time';
import type { Clock } from '../clock';
import { asksToReschedule, rescheduleLimitReached } from './reply-intent';
import { asksToWithdraw } from '../checks/withdrawal-request';
import { senderHoldReasons, thirdPartyReason } from './sender-trust';

/** Where the raw message lies, and when the store says it was created (the fallback receipt time). */
export interface StoredMessage {
  bucket: string;
  key: string;
  storedAt?: Date;
}

export interface IntakePorts {
  cases: CaseStore;
  directory: OfficeDirectory;
  clock: Clock;
  readRaw(object: StoredMessage): Promise<Buffer>;
  storeAttachment(key: string, content: Buffer, contentType: string): Promise<{ bucket: string; key: string }>;
  startWorkflow(caseId: string): Promise<void>;
  /** Resumes the workflow step waiting on this task token (Step Functions SendTaskSuccess); false if the token no longer waits. */
  resumeStep(taskToken: string, output: Record<string, unknown>): Promise<boolean>;
  /** Mails the office's desk about the case's attention item for this message (the notify function sends it, once per item). */
  tellDesk(caseId: string, messageId: string): Promise<void>;
  log: { info(message: string, data: Record<string, unknown>): void; warn(message: string, data: Record<string, unknown>): void; error(message: string, data: Record<string, unknown>): void };
}

export type IntakeOutcome =
  | { outcome: 'opened'; caseId: string }
  | { outcome: 'duplicate'; caseId?: string }
  | { outcome: 'threaded'; caseId: string }
  | { outcome: 'third-party'; caseId: string }
  | { outcome: 'automated'; caseId: string }
  | { outcome: 'unmatched-automated' }
  | { outcome: 'unroutable'; reason: string };

/** A message without a Message-ID (or too malformed to read one) is identified by where the receiving server stored it. */
export function storedMessageIdentity(stored: Pick<StoredMessage, 'bucket' | 'key'>): string {
  return `<s3.${stored.bucket}.${stored.key.replace(/[^A-Za-z0-9._-]/g, '_')}@motcua.invalid>`;
}

const INTAKE: NewEvent['actor'] = { kind: 'system', component: 'intake' };

/**
 * Takes one stored inbound e-mail to its case: opens a case for a new request, adds a reply to
 * the case it answers, records robots' mail without answering it. Safe to run twice on the same
 * message: the second run finds the message record and changes nothing.
 */
export async function receiveMessage(stored: StoredMessage, ports: IntakePorts): Promise<IntakeOutcome> {
  const raw = await ports.readRaw(stored);
  const now = ports.clock.now();
  const storedIdentity = storedMessageIdentity(stored);
  let message: InboundMessage;
  try {
    message = await parseInboundMessage(raw);
  } catch (error) {
    if (!(error instanceof MalformedMessage)) throw error;
    // Retrying cannot mend a malformed message: keep it, say why, and move on.
    await ports.cases.recordMessage({ messageId: storedIdentity, direction: 'in', status: 'done', disposition: 'unroutable', rawObject: { bucket: stored.bucket, key: stored.key }, reason: error.message, at: toVietnamIso(now) });
    ports.log.error('malformed message kept but not opened as a case', { s3Key: stored.key, reason: error.message });
    return { outcome: 'unroutable', reason: error.message };
  }
  const identity = message.messageId ?? storedIdentity;
  const receivedAt = message.receivedAt ?? stored.storedAt ?? now;
  const rawObject = { bucket: stored.bucket, key: stored.key };

  // Where the message would open a case is known from the message alone: its register's serial is read with the
  // message's record, so that a new request needs no second read before its id is reserved.
  const routing = routeToOffice(message, ports.directory);
  const register = 'office' in routing ? { office: routing.office.code, year: vietnamYear(receivedAt) } : undefined;
  // With them, how many cases the sender opened before: a first request's receipt need not look for the others.
  const { record: seen, lastSerial, requesterCases } =
    register && ports.cases.getMessageAndSerial ? await ports.cases.getMessageAndSerial(identity, register, message.from?.address) : { record: await ports.cases.getMessage(identity), lastSerial: undefined, requesterCases: undefined };
  if (seen?.status === 'done') {
    // Redelivery. If this message opened a case, make sure its workflow runs (the first attempt may have stopped before).
    if (seen.disposition === 'opened-case' && seen.caseId) await ports.startWorkflow(seen.caseId);
    // A third party's message recorded by an attempt that stopped before the desk was told: tell it now (once per item).
    if (seen.disposition === 'third-party' && seen.caseId) await ports.tellDesk(seen.caseId, identity);
    ports.log.info('duplicate delivery ignored', { messageId: identity, caseId: seen.caseId, s3Key: stored.key });
    return { outcome: 'duplicate', caseId: seen.caseId };
  }
  if (seen?.disposition === 'threaded' && seen.caseId) {
    // A reply already on its case whose step an earlier attempt did not resume (it stopped, or SendTaskSuccess failed): finish that.
    await completeReply(seen.caseId, message, identity, receivedAt, ports);
    return { outcome: 'threaded', caseId: seen.caseId };
  }

  const thread = await findThread(message, ports.cases);
  if (message.automated) {
    if (!thread) {
      await ports.cases.recordMessage({ messageId: identity, direction: 'in', status: 'done', disposition: 'unmatched-automated', rawObject, reason: message.automated.evidence, at: toVietnamIso(now) });
      ports.log.warn('automated message refers to no case; kept, not answered', { messageId: identity, s3Key: stored.key, ...message.automated });
      return { outcome: 'unmatched-automated' };
    }
    await addToCase(thread.caseId, 'automated-message-received', message, identity, rawObject, receivedAt, ports, { kind: message.automated.kind, evidence: message.automated.evidence, matchedBy: thread.matchedBy });
    return { outcome: 'automated', caseId: thread.caseId };
  }
  if (thread) {
    const threaded = await ports.cases.requireCase(thread.caseId);
    const stranger = thirdPartyReason(threaded, message);
    if (stranger) {
      await recordThirdPartyMessage(thread.caseId, message, identity, rawObject, receivedAt, ports, { matchedBy: thread.matchedBy, reason: stranger });
      return { outcome: 'third-party', caseId: thread.caseId };
    }
    // A reply asking to withdraw is a hint for the desk, never acted on by itself (shared/checks/withdrawal-request.ts).
    const withdrawal = asksToWithdraw(message.subject, message.text);
    const hint = withdrawal && threaded.status !== 'closed' ? { kind: 'withdrawal-requested' as const, at: toVietnamIso(receivedAt), detail: withdrawal.excerpt, messageId: identity } : undefined;
    await addToCase(thread.caseId, 'reply-received', message, identity, rawObject, receivedAt, ports, { matchedBy: thread.matchedBy, ...(withdrawal ? { hints: [{ kind: 'withdrawal-requested', phrase: withdrawal.phrase }] } : {}) }, (current) =>
      hint && !current.attention?.some((a) => a.messageId === identity) ? { attention: [...(current.attention ?? []), hint] } : {},
    );
    if (hint) await ports.tellDesk(thread.caseId, identity);
    await completeReply(thread.caseId, message, identity, receivedAt, ports);
    return { outcome: 'threaded', caseId: thread.caseId };
  }

  if ('reason' in routing || !message.from) {
    const reason = 'reason' in routing ? routing.reason : 'the message has no sender address (From), so no one can be answered';
    await ports.cases.recordMessage({ messageId: identity, direction: 'in', status: 'done', disposition: 'unroutable', rawObject, reason, at: toVietnamIso(now) });
    ports.log.error('message kept but not opened as a case', { messageId: identity, s3Key: stored.key, reason });
    return { outcome: 'unroutable', reason };
  }

  const { office, recipient } = routing;
  const from = message.from;
  const holdReasons = senderHoldReasons(message);
  const requester = { address: from.address, name: from.name };
  const senderHold = holdReasons.length > 0 ? { reasons: holdReasons, at: toVietnamIso(now) } : undefined;
  const { caseId } = await openRequestCase(
    {
      identity,
      office,
      receivedAt,
      rawObject,
      // The message's record and the serial were read above (consistently): the reservation starts from them rather than reading them again.
      known: { record: seen, lastSerial },
      record: { requester, subject: message.subject, ...(senderHold ? { senderHold } : {}), ...(requesterCases !== undefined ? { requesterHadCases: requesterCases > 0 } : {}) },
      storeFiles: (id) => storeAttachments(id, identity, message, ports),
      events: (_caseId, attachments, at): NewEvent[] => [
        { type: 'message-received', at: toVietnamIso(receivedAt), actor: { kind: 'requester', address: from.address }, data: messageFacts(message, identity, rawObject, attachments) },
        { type: 'case-opened', at, actor: INTAKE, data: { office: office.code, procedure: 'enforcement-request', routedBy: recipient, requester } },
        ...(senderHold ? [{ type: 'sender-held', at, actor: INTAKE, data: { reasons: senderHold.reasons, authentication: message.authentication } }] : []),
      ],
    },
    ports,
  );
  return { outcome: 'opened', caseId };
}

/**
 * A reply is done only once the step it answers has resumed, or once it is clear that no step
 * waited for it: until then its record stays 'claimed', so a redelivery (after SendTaskSuccess
 * failed, or the attempt stopped) resumes the step instead of dropping the reply as a duplicate.
 */
async function completeReply(caseId: string, message: InboundMessage, identity: string, receivedAt: Date, ports: IntakePorts): Promise<void> {
  const resumed = await resumeOnReply(caseId, message, identity, receivedAt, ports);
  await ports.cases.completeMessage(identity, resumed ? { resumedStep: resumed } : { reason: 'arrived while no step waited for it; kept on the timeline for the officer' });
}

/**
 * A reply can be what a step waits for: the missing items the requester was asked for, or a
 * request to move the appointment. Other replies stay on the timeline for the officer.
 * Returns the step it resumed, if any.
 */
async function resumeOnReply(caseId: string, message: InboundMessage, identity: string, receivedAt: Date, ports: IntakePorts): Promise<string | undefined> {
  // A token can change under us (a warning or a breach renews the wait): read again once if it did.
  for (let attempt = 1; attempt <= 2; attempt++) {
    const current = await ports.cases.requireCase(caseId);
    const pending = current.pendingStep;
    let output: Record<string, unknown> | undefined;
    if (pending?.step === 'requester-reply') output = { messageId: identity, receivedAt: toVietnamIso(receivedAt) };
    else if (pending?.step === 'visit' && asksToReschedule(message.subject, message.text)) {
      const limit = rescheduleLimitReached(current);
      if (limit) {
        await flagForDesk(caseId, { kind: 'reschedule-limit', detail: limit, messageId: identity }, ports);
        return undefined;
      }
      output = { action: 'reschedule', requestId: identity, requestedBy: 'requester' };
    }
    if (!pending || !output) return undefined;
    if (await ports.resumeStep(pending.taskToken, output)) {
      ports.log.info('reply resumed the waiting step', { caseId, step: pending.step, messageId: identity });
      return pending.step;
    }
  }
  ports.log.warn('reply could not resume the waiting step (it no longer waits); kept on the timeline', { caseId, messageId: identity });
  return undefined;
}

/** The office whose published address received the message: the envelope recipient first, then To and Cc. */
export function routeToOffice(message: InboundMessage, directory: OfficeDirectory): { office: Office; recipient: string } | { reason: string } {
  const candidates = [message.envelopeRecipient, ...message.to, ...message.cc].filter((a): a is string => !!a);
  for (const recipient of candidates) {
    const office = officeByAddress(directory, recipient);
    if (office) return { office, recipient };
  }
  return { reason: `none of the recipients (${candidates.join(', ') || 'none'}) is an office mailbox of this agency` };
}

/** The case a message answers: by the message it replies to, then by the case id in its subject. */
async function findThread(message: InboundMessage, cases: CaseStore): Promise<{ caseId: string; matchedBy: string } | undefined> {
  const referenced = [message.inReplyTo, ...[...message.references].reverse()].filter((r): r is string => !!r);
  for (const ref of referenced) {
    const known = await cases.getMessage(ref);
    if (known?.caseId && known.status === 'done') return { caseId: known.caseId, matchedBy: ref === message.inReplyTo ? 'in-reply-to' : 'references' };
  }
  // A bounce or a feedback report names the message it reports on inside its report part.
  for (const ref of message.report?.reportedMessageIds ?? []) {
    const known = await cases.getMessage(ref);
    if (known?.caseId && known.status === 'done') return { caseId: known.caseId, matchedBy: 'reported-message' };
  }
  for (const caseId of caseIdsInSubject(message.subject)) {
    if (await cases.getCase(caseId)) return { caseId, matchedBy: 'subject' };
  }
  return undefined;
}

async function addToCase(
  caseId: string,
  type: 'reply-received' | 'automated-message-received' | 'third-party-message-received',
  message: InboundMessage,
  identity: string,
  rawObject: { bucket: string; key: string },
  receivedAt: Date,
  ports: IntakePorts,
  extra: Record<string, unknown>,
  updateOf: (current: CaseRecord) => Partial<CaseRecord> = () => ({}),
): Promise<void> {
  const attachments = await storeAttachments(caseId, identity, message, ports);
  const messageRecord = messageItem({
    messageId: identity,
    direction: 'in',
    // A reply is done once the step it may answer has resumed (completeReply); other messages at once.
    status: type === 'reply-received' ? 'claimed' : 'done',
    disposition: type === 'automated-message-received' ? 'automated' : type === 'reply-received' ? 'threaded' : 'third-party',
    caseId,
    rawObject,
    at: toVietnamIso(ports.clock.now()),
  });
  const added = ports.cases.changeCase(caseId, (current) => ({
    update: updateOf(current),
    events: [
      {
        type,
        at: toVietnamIso(receivedAt),
        actor: type === 'third-party-message-received' ? INTAKE : { kind: 'requester', address: message.from?.address ?? message.returnPath ?? 'unknown' },
        data: { ...messageFacts(message, identity, rawObject, attachments), ...extra },
      },
    ],
    alsoPut: [{ item: messageRecord, condition: 'attribute_not_exists(PK)' }],
  }));
  try {
    await added;
  } catch (error) {
    // Another delivery of the same message added it first: let that one finish; a redelivery later sees what it did.
    if (await ports.cases.getMessage(identity)) throw new MessageInProgress(`message ${identity} is being added to ${caseId} by another delivery`);
    throw error;
  }
  ports.log.info(`${type} added to case`, { caseId, messageId: identity, ...extra });
}

async function storeAttachments(caseId: string, identity: string, message: InboundMessage, ports: IntakePorts): Promise<Array<AttachmentRef | QuarantinedAttachment>> {
  // The mail server found a virus: nothing is stored apart or offered for download (the raw message keeps it for the record).
  if (message.authentication.virus?.toUpperCase() === 'FAIL') {
    return message.attachments.map((a) => ({ name: a.filename, contentType: a.contentType, size: a.size, quarantined: 'virus FAIL (SES)' }));
  }
  const folder = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  return Promise.all(
    message.attachments.map(async (a, i) => {
      const stored = await ports.storeAttachment(`cases/${caseId}/messages/${folder}/${i + 1}-${a.filename}`, a.content, a.contentType);
      return { name: a.filename, contentType: a.contentType, size: a.size, ...stored };
    }),
  );
}

function messageFacts(message: InboundMessage, identity: string, rawObject: { bucket: string; key: string }, attachments: Array<AttachmentRef | QuarantinedAttachment>): Record<string, unknown> {
  return {
    messageId: identity,
    from: message.from,
    replyTo: message.replyTo,
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    senderDate: message.senderDate,
    rawObject,
    attachments,
    authentication: message.authentication,
    ...(message.report ? { report: message.report } : {}),
    ...(message.cut ? { cut: message.cut } : {}),
    // enough for the automatic checks; the whole message stays in the inbound bucket
    text: message.text.slice(0, 20_000),
    textTruncated: message.text.length > 20_000 || undefined,
  };
}

/**
 * A message that names a case but does not speak for its requester (another address, or the
 * requester's address failing verification): kept on the case for the desk, never obeyed, never
 * answered. The desk sees it in the case's `attention` list.
 */
async function recordThirdPartyMessage(caseId: string, message: InboundMessage, identity: string, rawObject: { bucket: string; key: string }, receivedAt: Date, ports: IntakePorts, facts: { matchedBy: string; reason: string }): Promise<void> {
  const note = { kind: 'third-party-message' as const, at: toVietnamIso(receivedAt), detail: facts.reason, messageId: identity };
  await addToCase(caseId, 'third-party-message-received', message, identity, rawObject, receivedAt, ports, facts, (current) => ({ attention: [...(current.attention ?? []), note] }));
  await ports.tellDesk(caseId, identity);
  ports.log.warn('a message names a case but is not from its requester: recorded, not obeyed, not answered', { caseId, messageId: identity, sender: message.from?.address, reason: facts.reason });
}

/** Tells the desk, on the case, what no step waits for (the requester asked once too often to move the appointment). */
async function flagForDesk(caseId: string, note: { kind: 'reschedule-limit'; detail: string; messageId: string }, ports: IntakePorts): Promise<void> {
  const at = toVietnamIso(ports.clock.now());
  await ports.cases.changeCase(caseId, (current) =>
    current.attention?.some((a) => a.messageId === note.messageId)
      ? undefined
      : { update: { attention: [...(current.attention ?? []), { ...note, at }] }, events: [{ type: 'desk-attention-needed', at, actor: INTAKE, data: { ...note } }] },
  );
  // Before the reply is done (completeReply): a retry after a failed sending comes back here and asks again.
  await ports.tellDesk(caseId, note.messageId);
  ports.log.warn('the requester asked to move the appointment past the catalog limit; left to the desk', { caseId, messageId: note.messageId });
}
