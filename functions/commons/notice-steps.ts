import * as z from 'zod';
import { bookAppointment, rescheduleAppointment, type AppointmentPorts } from '../../shared/workflow/appointment-steps';
import { recordVisit, type ResultPorts } from '../../shared/workflow/result-steps';

/** A case id as the state machines pass it. */
export const caseId = z.string().regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}-\d{6}$/);
export const anyRecord = z.record(z.string(), z.unknown());
/** What `Record receipt` is given: the machine's input, with `reading`: what the reading step found (or the error that ended it). */
export const receiptExecution = z.object({ reading: anyRecord.optional() }).passthrough().optional();

/**
 * The case steps a notice always follows: the booking (the appointment), its move (the new date) and the
 * visit's record (the receipt slip). Each runs with its notice in one Task of the state machine, on the notify
 * function (statemachines/parts/appointment and result: `Book the appointment`, `Move the appointment`,
 * `Record the visit`; issue 12, two billed transitions and two invocations fewer on the happy path). Notify,
 * because it alone sends mail, within SES's sending rate (its reserved concurrency, infra/capacity.ts); the
 * steps are quick, and it was granted what they use (infra/constructs/notifications.ts). Each step is idempotent
 * (a retry finds it done and returns what it returned: the booking books no second place), and so is its notice
 * (its own key: a retry sends it only when it was not sent), so a retry of the Task does only what is left.
 * The workflow function still runs them alone, for the executions started on the definition before the join
 * (Step Functions runs an execution on the definition it started with).
 */
export const noticeStepRequests = [
  z.object({ action: z.literal('bookAppointment'), caseId }),
  // `request`: the visit's wait output that asked for another date (its requestId makes a retry a no-op)
  z.object({ action: z.literal('rescheduleAppointment'), caseId, request: anyRecord }),
  z.object({ action: z.literal('recordVisit'), caseId, visit: anyRecord }),
] as const;
export type NoticeStepRequest = z.infer<(typeof noticeStepRequests)[number]>;

/** Runs one of these steps; what it returns is what the Task's ResultSelector reads (the appointment's or the decision's clock). */
export function runNoticeStep(request: NoticeStepRequest, ports: AppointmentPorts & ResultPorts) {
  switch (request.action) {
    case 'bookAppointment':
      return bookAppointment(request.caseId, ports);
    case 'rescheduleAppointment':
      return rescheduleAppointment(request.caseId, request.request as { requestId?: string; requestedBy?: string }, ports);
    case 'recordVisit':
      return recordVisit(request.caseId, request.visit, ports);
  }
}
