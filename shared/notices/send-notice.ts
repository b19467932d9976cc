import { messageItem, type CaseRepository } from '../cases/repository';
import type { Clock } from '../clock';
import type { DocumentRef } from '../cases/model';
import type { OfficeDirectory } from '../offices/directory';
import { composeRawMessage } from '../mail/outbound-message';
import { toVietnamIso } from '../time/vietnam-time';
import type { ProcedureSettings } from '../workflow/procedure-settings';
import { prepareNotice, type NoticeKind } from './case-notices';
import { requesterNoticesHeld } from '../intake/sender-trust';

export type { NoticeKind } from './case-notices';

export interface NoticePorts {
  cases: CaseRepository;
  directory: OfficeDirectory;
  clock: Clock;
  procedureOf(code: string): ProcedureSettings;
  readDocument(ref: Pick<DocumentRef, 'bucket' | 'key'>): Promise<Buffer>;
  /** Sends a raw MIME message; returns the id the mail service gave it. */
  sendRaw(raw: Buffer, to: string): Promise<{ providerMessageId: string }>;
  /** Message-IDs under which the mail service may deliver a message it was given (SES rewrites Message-ID). */
  providerMessageIds(providerMessageId: string): string[];
}

/**
 * Sends one notice of a case, once: its Message-ID comes from the notice's key (the case, the
 * notice, and the round, appointment or deadline it is about); a notice already sent is not sent
 * again, and two concurrent attempts cannot both send it. The sending goes on the timeline.
 */
export async function sendNotice(caseId: string, kind: NoticeKind, step: string | undefined, ports: NoticePorts): Promise<{ messageId: string; alreadySent: boolean; needless?: string }> {
  const caseRecord = await ports.cases.requireCase(caseId);
  const events = await ports.cases.listEvents(caseId);
  const now = ports.clock.now();
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
  if (prepared.needless) return { messageId, alreadySent: false, needless: prepared.needless };
  // The agency's signed mail never answers a sender that failed verification, until an officer confirms the address.
  if (prepared.audience === 'requester' && requesterNoticesHeld(caseRecord)) return { messageId, alreadySent: false, needless: `the sender is not verified (${caseRecord.senderHold!.reasons.join('; ')}); held until an officer confirms the address` };
  if ((await ports.cases.claimOutbound(messageId, caseId, now)) === 'sent') return { messageId, alreadySent: true };

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
  const { providerMessageId } = await ports.sendRaw(raw, prepared.to);
  const at = toVietnamIso(now);
  const outbound = (id: string) => messageItem({ messageId: id, direction: 'out', status: 'done', disposition: 'sent', caseId, at });
  await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [
      {
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
          attachments: (prepared.notice.attachments ?? []).map((a) => a.filename),
        },
      },
    ],
    alsoPut: [messageId, ...ports.providerMessageIds(providerMessageId)].map((id) => ({ item: outbound(id) })),
  }));
  return { messageId, alreadySent: false };
}
