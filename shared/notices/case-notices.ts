import type { AppointmentRecord, CaseRecord, DelayRecord, DocumentRef, TimelineEvent } from '../cases/model';
import { headOf, officeByCode, superiorOf, type Office, type OfficeDirectory } from '../offices/directory';
import { legalBasis as bundledLegalBasis } from '../procedures/default-legal-basis';
import { citationOf, limitCitation, type LegalBasisData } from '../procedures/legal-basis';
import { withdrawalNotice } from './withdrawal';
import { answerNotice } from './answer';
import { checkTimeliness, deadlineFor, workingTimeBetween, type Deadline } from '../calendar';
import { apologyLetterPdf } from '../documents/apology-letter';
import { acknowledgementNotice } from './acknowledgement';
import type { Notice } from './common';
import {
  apologyNotice,
  appointmentNotice,
  appointmentReminderNotice,
  closingNotice,
  complaintGuidanceNotice,
  decisionReleasedNotice,
  guidanceNotice,
  missedAppointmentNotice,
  newCaseForDeskNotice,
  referralNotice,
  refusalNotice,
  rescheduleNotice,
  stepEscalationNotice,
  stepWarningNotice,
  needsAttentionNotice,
  type ClosingReason,
} from './lifecycle';
import { receiptSlipNotice } from './receipt-slip-notice';
import { decisionFacts } from './decision';
import { withSenderHoldNote } from '../intake/sender-trust';
import { deskAttentionNotice } from './staff';
import { sha256Hex } from '../timeline/hash-chain';
import type { ProcedureSettings } from '../workflow/procedure-settings';
import { RequestWithdrawn } from '../workflow/decisions';
import { requestEventOf } from '../intake/request-event';

/** Where a letter by post goes, as the timeline names it: the requester's name and postal address. */
export const postalRecipient = (requester: CaseRecord['requester']) => [requester.name, requester.postalAddress].filter((part) => !!part?.trim()).join(', ') || 'người yêu cầu (chưa có địa chỉ)';

export const NOTICE_KINDS = [
  'acknowledgement',
  'new-case',
  'complaint-guidance',
  'guidance',
  'refusal',
  'referral',
  'appointment',
  'appointment-reminder',
  'appointment-rescheduled',
  'appointment-missed',
  'receipt-slip',
  'decision-released',
  'closing',
  'step-warning',
  'step-escalation',
  'apology',
  'delay-letter',
  'needs-attention',
  'desk-attention',
  'answer',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface NoticeContext {
  caseRecord: CaseRecord;
  events: TimelineEvent[];
  directory: OfficeDirectory;
  procedure: ProcedureSettings;
  now: Date;
  step?: string;
  readDocument(ref: Pick<DocumentRef, 'bucket' | 'key'>): Promise<Buffer>;
  /** The law cited, by the day of receipt; the bundled config/legal-basis.json unless a test gives another. */
  legalBasis?: LegalBasisData;
}

/** A notice ready to send: to whom, and under which key (one key, one message, however often it is asked for). */
export interface PreparedNotice {
  key: string;
  to: string;
  audience: 'requester' | 'desk' | 'head' | 'procuracy';
  notice: Notice;
  /** Why this notice need not go out (e.g. a reminder due before the confirmation was even sent). */
  needless?: string;
}

const lastEvent = (events: TimelineEvent[], type: string, where: (e: TimelineEvent) => boolean = () => true) => [...events].reverse().find((e) => e.type === type && where(e));

function outcomeOf(events: TimelineEvent[], step: string): Record<string, any> {
  return (lastEvent(events, 'step-completed', (e) => e.data.step === step)?.data.outcome ?? {}) as Record<string, any>;
}

function officeOf(ctx: NoticeContext): Office {
  const office = officeByCode(ctx.directory, ctx.caseRecord.office);
  if (!office) throw new Error(`office ${ctx.caseRecord.office} of case ${ctx.caseRecord.caseId} is not in the office directory`);
  return office;
}

const slotOf = (appointment: AppointmentRecord) => ({ start: appointment.slot.start, end: appointment.slot.end, session: appointment.slot.session });

function requireAppointment(ctx: NoticeContext): AppointmentRecord {
  if (!ctx.caseRecord.appointment) throw new Error(`case ${ctx.caseRecord.caseId} has no appointment`);
  return ctx.caseRecord.appointment;
}


async function decisionPdf(ctx: NoticeContext): Promise<Buffer> {
  const document = ctx.caseRecord.decision?.document;
  if (!document) throw new Error(`the decision of case ${ctx.caseRecord.caseId} has no document to send`);
  return ctx.readDocument(document);
}

/** A compact, stable form of an instant for keys: 202611241616. */
const compact = (instant: string | undefined) => (instant ?? '').replace(/\D/g, '').slice(0, 12);

/**
 * Builds the notice of a kind for a case as it stands: its recipient, its text, and its key.
 * Keys: once per case for one-off notices; per review round, appointment attempt or deadline
 * for notices that may rightly go out again.
 */
export async function prepareNotice(kind: NoticeKind, ctx: NoticeContext): Promise<PreparedNotice> {
  const { caseRecord, events, directory } = ctx;
  const office = officeOf(ctx);
  const id = caseRecord.caseId;
  // A requester without an e-mail address (registered from the post or the desk) is written to by post: the
  // notice is printed (send-notice.ts), and its recipient is the postal address.
  const requester = caseRecord.requester.address ?? postalRecipient(caseRecord.requester);
  // The first clock: the registration of a complaint (guidance flow), the review of a one-stop request.
  const firstDue = ctx.procedure.flow === 'guidance' ? (caseRecord.deadlines.registration ?? caseRecord.deadlines.review)?.dueAt : ctx.procedure.flow === 'answer' ? caseRecord.deadlines.answer?.dueAt : (caseRecord.deadlines.review ?? caseRecord.deadlines.registration)?.dueAt;
  const procedure = ctx.procedure;
  const law = ctx.legalBasis ?? bundledLegalBasis;
  const cite = (provision: string) => citationOf(law, provision, caseRecord.receivedAt);
  const attachmentNames = ((requestEventOf(events)?.data.attachments as Array<{ name: string }> | undefined) ?? []).map((a) => a.name);

  switch (kind) {
    case 'acknowledgement': {
      if (!firstDue) throw new Error(`case ${id} has no first deadline yet; the acknowledgement states it`);
      return { key: `${id}.acknowledgement`, to: requester, audience: 'requester', notice: acknowledgementNotice({ caseRecord, office, procedure, reviewDueAt: firstDue, attachmentNames }) };
    }
    case 'new-case':
      if (!firstDue) throw new Error(`case ${id} has no first deadline yet`);
      return { key: `${id}.new-case`, to: office.staff.desk, audience: 'desk', notice: withSenderHoldNote(newCaseForDeskNotice({ caseRecord, office, procedure, reviewDueAt: firstDue, attachmentNames }), caseRecord) };
    case 'complaint-guidance':
      return { key: `${id}.complaint-guidance`, to: requester, audience: 'requester', notice: complaintGuidanceNotice({ caseRecord, office, procedure, registrationWorkingDays: ctx.procedure.resultWorkingDays, superior: superiorOf(directory, office) }) };
    case 'answer': {
      // The officer's answer, as the `answer` step recorded it on the timeline (and closed the case with it).
      const outcome = outcomeOf(events, 'answer');
      if (typeof outcome.answer !== 'string') throw new Error(`case ${id} has no answer recorded`);
      const actor = outcome.actor as { name?: string } | undefined;
      return {
        key: `${id}.answer`,
        to: requester,
        audience: 'requester',
        notice: answerNotice({ caseRecord, office, procedure, answer: outcome.answer, ...(actor?.name ? { answeredBy: actor.name } : {}) }),
      };
    }
    case 'guidance': {
      const outcome = outcomeOf(events, 'review');
      const replyBy = caseRecord.deadlines['requester-reply']?.dueAt;
      if (!replyBy) throw new Error(`case ${id} has no reply deadline; the guidance states it`);
      const missingItems = (outcome.missingItems as string[] | undefined) ?? [];
      return { key: `${id}.guidance.r${caseRecord.round ?? 1}`, to: requester, audience: 'requester', notice: guidanceNotice({ caseRecord, office, procedure, missingItems, replyBy, officerNote: outcome.note }) };
    }
    case 'refusal': {
      const outcome = outcomeOf(events, 'review');
      return { key: `${id}.refusal`, to: requester, audience: 'requester', notice: refusalNotice({ caseRecord, office, procedure, reason: String(outcome.reason ?? ''), legalBasis: String(outcome.legalBasis ?? ''), ...refusalProvisionOf(law, caseRecord), complaintOffice: superiorOf(directory, office) }) };
    }
    case 'referral': {
      const outcome = outcomeOf(events, 'review');
      const competentOffice = officeByCode(directory, String(outcome.referTo ?? ''));
      if (!competentOffice) throw new Error(`case ${id} is referred to ${String(outcome.referTo)}, which is not in the office directory`);
      return { key: `${id}.referral`, to: requester, audience: 'requester', notice: referralNotice({ caseRecord, office, procedure, competentOffice, competenceProvision: cite('competence'), reason: outcome.reason }) };
    }
    case 'appointment': {
      const appointment = requireAppointment(ctx);
      // The confirmation goes with the first booking. A moved appointment's date went with the notice of the move (rescheduled,
      // missed): a resumed wait for the visit, which goes through Book the appointment again, sends no second confirmation.
      const needless = appointment.attempt > 1 ? 'the appointment was moved; the notice of the move gave its new date' : undefined;
      return {
        key: `${id}.appointment.a${appointment.attempt}`,
        to: requester,
        audience: 'requester',
        notice: await appointmentNotice({ caseRecord, office, procedure, mailDomain: directory.agency.mailDomain, bring: ctx.procedure.bringToAppointment, issuedAt: ctx.now, appointment: slotOf(appointment), sequence: appointment.attempt - 1 }),
        ...(needless ? { needless } : {}),
      };
    }
    case 'appointment-reminder': {
      const appointment = requireAppointment(ctx);
      // booked within the reminder window (the appointment is the next working day): the confirmation was the reminder
      const needless = new Date(appointment.reminderAt).getTime() <= new Date(appointment.bookedAt).getTime() ? 'the appointment was booked inside its reminder window; the confirmation reminds' : undefined;
      return {
        key: `${id}.appointment-reminder.a${appointment.attempt}`,
        to: requester,
        audience: 'requester',
        notice: appointmentReminderNotice({ caseRecord, office, procedure, appointment: slotOf(appointment), bring: ctx.procedure.bringToAppointment }),
        ...(needless ? { needless } : {}),
      };
    }
    case 'appointment-rescheduled':
    case 'appointment-missed': {
      const appointment = requireAppointment(ctx);
      const moved = lastEvent(events, kind === 'appointment-missed' ? 'appointment-missed' : 'appointment-rescheduled');
      const previous = moved?.data.from as AppointmentRecord['slot'] | undefined;
      if (!previous) throw new Error(`case ${id} has no earlier appointment to mention`);
      const before = { start: previous.start, end: previous.end, session: previous.session, sequence: appointment.attempt - 2 };
      const common = { caseRecord, office, procedure, mailDomain: directory.agency.mailDomain, bring: ctx.procedure.bringToAppointment, issuedAt: ctx.now };
      const notice =
        kind === 'appointment-missed'
          ? await missedAppointmentNotice({ ...common, missed: before, offered: slotOf(appointment) })
          : await rescheduleNotice({ ...common, previous: before, appointment: slotOf(appointment) });
      return { key: `${id}.${kind}.a${appointment.attempt}`, to: requester, audience: 'requester', notice };
    }
    case 'receipt-slip': {
      const slip = caseRecord.documents?.receiptSlip;
      const resultDueAt = caseRecord.deadlines.decision?.dueAt;
      if (!slip || !resultDueAt) throw new Error(`case ${id} has no receipt slip yet`);
      const content = await ctx.readDocument(slip);
      return {
        key: `${id}.receipt-slip`,
        to: requester,
        audience: 'requester',
        notice: receiptSlipNotice({ caseRecord, office, procedure, resultDueAt, collection: caseRecord.resultCollection?.method ?? 'at-desk', slip: { filename: slip.name, content, contentType: slip.contentType } }),
      };
    }
    case 'decision-released': {
      // The decision's wait was ended by the requester's recorded withdrawal: there is no decision to release, and
      // the case workflow catches this by name and closes the case as withdrawn (statemachines/parts/result).
      if (!caseRecord.decision && caseRecord.withdrawal) throw new RequestWithdrawn(`case ${id} was withdrawn by the requester while waiting for the decision`);
      const collection = caseRecord.resultCollection?.method === 'by-post' && caseRecord.resultCollection.postalAddress
        ? ({ kind: 'by-post', postalAddress: caseRecord.resultCollection.postalAddress } as const)
        : ({ kind: 'at-desk' } as const);
      return { key: `${id}.decision-released`, to: requester, audience: 'requester', notice: decisionReleasedNotice({ caseRecord, office, procedure, decision: decisionFacts(caseRecord), pdf: await decisionPdf(ctx), collection }) };
    }
    case 'closing': {
      if (caseRecord.closure?.reason === 'withdrawn' && caseRecord.withdrawal) {
        // The requester's written withdrawal, recorded by an officer: confirmed with its legal basis (shared/notices/withdrawal.ts).
        const notice = withdrawalNotice({ caseRecord, office, procedure, withdrawal: caseRecord.withdrawal, provision: cite('withdrawal'), receivedInPerson: events.some((e) => e.type === 'visit-recorded'), closedAt: caseRecord.closure.at });
        return { key: `${id}.closing`, to: requester, audience: 'requester', notice };
      }
      const reason = closingReason(ctx);
      return { key: `${id}.closing`, to: requester, audience: 'requester', notice: closingNotice({ caseRecord, office, procedure, reason, closedAt: caseRecord.closure?.at ?? ctx.now }) };
    }
    case 'step-warning':
    case 'step-escalation': {
      const step = requireStep(ctx);
      const deadline = caseRecord.deadlines[step];
      if (!deadline) throw new Error(`case ${id} has no deadline for ${step}`);
      const scope = { directory, office: caseRecord.office };
      if (kind === 'step-warning') {
        const remainingWorkingMinutes = Math.max(0, workingTimeBetween(scope, ctx.now, new Date(deadline.dueAt)));
        return { key: `${id}.step-warning.${step}.${compact(deadline.dueAt)}`, to: office.staff.desk, audience: 'desk', notice: stepWarningNotice({ caseRecord, office, step, dueAt: deadline.dueAt, remainingWorkingMinutes, assignee: caseRecord.assignee, procedure }) };
      }
      const { lateByWorkingMinutes } = checkTimeliness(deadline as unknown as Deadline, ctx.now, { directory });
      return {
        key: `${id}.step-escalation.${step}.${compact(deadline.dueAt)}`,
        to: office.staff.head,
        audience: 'head',
        notice: stepEscalationNotice({ caseRecord, office, step, dueAt: deadline.dueAt, lateWorkingMinutes: lateByWorkingMinutes, assignee: caseRecord.assignee, procedure }),
        ...notYetDue(deadline.dueAt, ctx.now),
      };
    }
    case 'desk-attention': {
      // `step` names the message the attention item is about: one notice per item, however often intake is retried.
      const about = requireStep(ctx);
      const item = caseRecord.attention?.find((a) => a.messageId === about);
      if (!item) throw new Error(`case ${id} has no attention item for message ${about}`);
      return { key: `${id}.desk-attention.${sha256Hex(about).slice(0, 24)}`, to: office.staff.desk, audience: 'desk', notice: deskAttentionNotice({ caseRecord, office, item }) };
    }
    case 'needs-attention': {
      const attention = caseRecord.workflowEnded;
      // Once per ended execution: a redelivered end event tells the head nothing new.
      const key = `${id}.needs-attention.${attention?.execution ?? 'none'}`;
      if (!attention) return { key, to: office.staff.head, audience: 'head', notice: { subject: '', text: '' }, needless: 'the case no longer needs attention (resumed)' };
      return { key, to: office.staff.head, audience: 'head', notice: needsAttentionNotice({ caseRecord, office, status: attention.status, error: attention.error, at: attention.at }) };
    }
    case 'apology': {
      // The fallback after a breach: form 04 with the agency's default extension and reason.
      const step = requireStep(ctx);
      const original = caseRecord.deadlines[step];
      if (!original) throw new Error(`case ${id} has no deadline for ${step}`);
      // From the breach (now); from the deadline itself when it has not passed (moved by a delay letter: the notice is then needless).
      const from = new Date(Math.max(ctx.now.getTime(), new Date(original.dueAt).getTime()));
      const newDueAt = deadlineFor({ receivedAt: from, workingDays: ctx.procedure.apologyExtensionWorkingDays, office: caseRecord.office, directory }).dueAt;
      const letter = await formFour(ctx, office, { timing: 'after-breach', originalDueAt: original.dueAt, newDueAt, reason: FALLBACK_DELAY_REASON });
      return { key: `${id}.apology.${step}.${compact(original.dueAt)}`, to: requester, audience: 'requester', notice: letter, ...notYetDue(original.dueAt, ctx.now) };
    }
    case 'delay-letter': {
      // Offered before the deadline: the officer or head recorded that the result will be late, why, and the new date.
      const step = requireStep(ctx);
      const delay = lastDelay(caseRecord, step);
      const letter = await formFour(ctx, office, { timing: 'before-deadline', originalDueAt: delay.originalDueAt, newDueAt: delay.newDueAt, reason: delay.reason });
      return { key: `${id}.delay-letter.${step}.${compact(delay.originalDueAt)}`, to: requester, audience: 'requester', notice: letter };
    }
  }
}

/** The refusal provision of the procedure (only where the legal basis names one: the law's refusal is that of a request for enforcement). */
function refusalProvisionOf(law: LegalBasisData, record: CaseRecord) {
  const refusalProvision = limitCitation(law, record.procedure, 'refusalWorkingDays', record.receivedAt);
  return refusalProvision ? { refusalProvision } : {};
}

/**
 * A deadline moved by a delay letter (form 04, before the deadline) has not passed: the escalation and the
 * apology that a wait timed on the first deadline asks for need not go out.
 */
function notYetDue(dueAt: string, now: Date): { needless?: string } {
  return new Date(dueAt).getTime() > now.getTime() ? { needless: `the deadline is ${dueAt} (moved by a delay letter) and has not passed` } : {};
}

/** The reason the fallback apology gives when no one recorded the delay before the deadline. */
export const FALLBACK_DELAY_REASON = 'Hồ sơ cần thêm thời gian để xem xét, xác minh trước khi ban hành kết quả giải quyết.';

function lastDelay(record: CaseRecord, step: string): DelayRecord {
  const delay = [...(record.delays ?? [])].reverse().find((d) => d.step === step);
  if (!delay) throw new Error(`case ${record.caseId} has no delay recorded for ${step}`);
  return delay;
}

/**
 * Who signs form 04: the head of the office by title and name; for a complaint, the head of the office one
 * level up, which resolves complaints about this office's decisions.
 */
function formFourSigner(ctx: NoticeContext, office: Office) {
  const signing = ctx.procedure.flow === 'guidance' ? (superiorOf(ctx.directory, office) ?? office) : office;
  return headOf(signing);
}

/** Form 04 (circular 03/2025/TT-VPCP) as a signed PDF and its covering e-mail. */
async function formFour(ctx: NoticeContext, office: Office, late: { timing: 'before-deadline' | 'after-breach'; originalDueAt: string; newDueAt: string; reason: string }): Promise<Notice> {
  const { caseRecord, events } = ctx;
  const visit = lastEvent(events, 'visit-recorded');
  const signer = formFourSigner(ctx, office);
  const facts = {
    caseId: caseRecord.caseId,
    office,
    requester: { name: caseRecord.requester.name, address: caseRecord.requester.postalAddress ?? caseRecord.requester.address },
    procedureName: ctx.procedure.name,
    receivedAt: visit?.at ?? caseRecord.receivedAt,
    ...late,
  };
  const pdf = await apologyLetterPdf({ ...facts, agencyName: ctx.directory.agency.name, issuedAt: ctx.now, signer });
  return apologyNotice({ caseRecord, office, procedure: ctx.procedure, receivedAt: facts.receivedAt, originalDueAt: late.originalDueAt, newDueAt: late.newDueAt, reason: late.reason, timing: late.timing, signer, pdf });
}

function requireStep(ctx: NoticeContext): string {
  if (!ctx.step) throw new Error(`this notice of case ${ctx.caseRecord.caseId} names a step, and none was given`);
  return ctx.step;
}

function closingReason(ctx: NoticeContext): ClosingReason {
  const { caseRecord, events } = ctx;
  switch (caseRecord.closure?.reason) {
    case 'no-reply':
      return { kind: 'no-reply', guidanceSentAt: lastEvent(events, 'clock-paused')?.at ?? caseRecord.updatedAt, replyDueAt: caseRecord.deadlines['requester-reply']?.dueAt ?? caseRecord.updatedAt };
    case 'missed-twice':
      return { kind: 'missed-appointments', missed: events.filter((e) => e.type === 'appointment-missed').map((e) => (e.data.from ?? e.data.slot) as AppointmentRecord['slot']).map((s) => ({ start: s.start, end: s.end, session: s.session })) };
    case 'withdrawn':
      return { kind: 'withdrawn', withdrawnAt: caseRecord.closure.at };
    default:
      throw new Error(`case ${caseRecord.caseId} is not closed for a reason the closing notice explains (${caseRecord.closure?.reason ?? 'open'})`);
  }
}
