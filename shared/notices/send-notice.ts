import type { CaseRepository } from '../cases/repository';
import type { Clock } from '../clock';
import { messageKey } from '../cases/keys';
import { officeByCode, type OfficeDirectory } from '../offices/directory';
import { composeRawMessage } from '../mail/outbound-message';
import { toVietnamIso } from '../time/vietnam-time';
import { acknowledgementNotice } from './acknowledgement';
import type { AttachmentRef } from '../cases/model';

export type NoticeKind = 'acknowledgement';

export interface NoticePorts {
  cases: CaseRepository;
  directory: OfficeDirectory;
  clock: Clock;
  /** Sends a raw MIME message; returns the id the mail service gave it. */
  sendRaw(raw: Buffer, to: string): Promise<{ providerMessageId: string }>;
  /** Message-IDs under which the mail service may deliver a message it was given (SES rewrites Message-ID). */
  providerMessageIds(providerMessageId: string): string[];
}

/**
 * Sends one notice of a case, once: the notice's Message-ID is derived from the case and the
 * notice, and a notice already recorded as sent is not sent again.
 */
export async function sendNotice(caseId: string, kind: NoticeKind, ports: NoticePorts): Promise<{ messageId: string; alreadySent: boolean }> {
  const caseRecord = await ports.cases.requireCase(caseId);
  const office = officeByCode(ports.directory, caseRecord.office);
  if (!office) throw new Error(`case ${caseId} belongs to office ${caseRecord.office}, which is not in the office directory`);
  const messageId = `<${caseId}.${kind}@${ports.directory.agency.mailDomain}>`;
  if ((await ports.cases.getMessage(messageId))?.status === 'done') return { messageId, alreadySent: true };

  const events = await ports.cases.listEvents(caseId);
  const received = events.find((e) => e.type === 'message-received');
  const attachments = (received?.data.attachments as AttachmentRef[] | undefined) ?? [];
  const reviewDueAt = caseRecord.deadlines.review?.dueAt;
  if (!reviewDueAt) throw new Error(`case ${caseId} has no review deadline yet; the acknowledgement states it`);
  const notice = acknowledgementNotice({ caseRecord, office, reviewDueAt, attachmentNames: attachments.map((a) => a.name) });

  const now = ports.clock.now();
  const raw = await composeRawMessage({
    messageId,
    from: { name: office.name, address: ports.directory.agency.senderAddress },
    replyTo: office.email,
    to: caseRecord.requester.address,
    subject: notice.subject,
    text: notice.text,
    inReplyTo: caseRecord.firstMessageId,
    references: [caseRecord.firstMessageId],
    autoSubmitted: 'auto-replied',
    date: now,
  });
  const { providerMessageId } = await ports.sendRaw(raw, caseRecord.requester.address);
  const at = toVietnamIso(now);
  const outbound = (id: string) => ({ ...messageKey(id), entity: 'message', messageId: id, direction: 'out', status: 'done', disposition: 'sent', caseId, at });
  await ports.cases.changeCase(caseId, () => ({
    update: {},
    events: [
      {
        type: 'notice-sent',
        at,
        actor: { kind: 'system', component: 'notify' },
        data: { notice: kind, messageId, providerMessageId, to: caseRecord.requester.address, subject: notice.subject },
      },
    ],
    alsoPut: [messageId, ...ports.providerMessageIds(providerMessageId)].map((id) => ({ item: outbound(id) })),
  }));
  return { messageId, alreadySent: false };
}
