/** Every message of a request's lifecycle, to the requester and to staff, in one import. */
export { guidanceNotice, type GuidanceFacts } from './guidance';
export { refusalNotice, type RefusalFacts } from './refusal';
export { referralNotice, type ReferralFacts } from './referral';
export {
  appointmentNotice,
  appointmentReminderNotice,
  rescheduleNotice,
  missedAppointmentNotice,
  type AppointmentFacts,
  type ReminderFacts,
  type RescheduleFacts,
  type MissedAppointmentFacts,
  type SentAppointment,
  type AppointmentSlot,
} from './appointment';
export { closingNotice, type ClosingFacts, type ClosingReason } from './closing';
export { decisionReleasedNotice, decisionFilename, type DecisionReleasedFacts, type DecisionFacts, type DecisionCollection } from './decision';
export { apologyNotice, apologyFilename, type ApologyNoticeFacts } from './apology';
export { complaintGuidanceNotice, type ComplaintGuidanceFacts } from './complaint-guidance';
export { answerNotice, type AnswerFacts } from './answer';
export {
  newCaseForDeskNotice,
  stepWarningNotice,
  stepEscalationNotice,
  needsAttentionNotice,
  breachNotice,
  stepLabel,
  STEP_LABELS,
  type NewCaseFacts,
  type StepWarningFacts,
  type StepEscalationFacts,
} from './staff';
export { procuracyDispatchNotice, type ProcuracyDispatchFacts, type DispatchedDecision } from './procuracy-copy';
