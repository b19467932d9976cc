/** What a case is, as the table stores it and the timeline tells it. */

export type ProcedureCode = 'enforcement-request';

export type CaseStatus = 'received' | 'awaiting-review' | 'reviewed' | 'closed';

export type Actor =
  | { kind: 'system'; component: string }
  | { kind: 'requester'; address: string }
  | { kind: 'officer'; id: string };

export interface Requester {
  address: string;
  name?: string;
}

/** A deadline as given to the case: a value, kept with the calendar version that produced it. */
export interface StepDeadline {
  dueAt: string;
  startedAt: string;
  calendarVersion: string;
  rule: string;
  [detail: string]: unknown;
}

/** The human step the workflow is waiting for, with the token that resumes it. */
export interface PendingStep {
  step: string;
  taskToken: string;
  since: string;
  dueAt: string;
}

export interface CaseRecord {
  caseId: string;
  office: string;
  procedure: ProcedureCode;
  status: CaseStatus;
  requester: Requester;
  subject: string;
  receivedAt: string;
  firstMessageId: string;
  deadlines: Record<string, StepDeadline>;
  breaches: string[];
  pendingStep?: PendingStep;
  lastSeq: number;
  lastHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewEvent {
  type: string;
  at: string;
  actor: Actor;
  data: Record<string, unknown>;
}

export interface TimelineEvent extends NewEvent {
  caseId: string;
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AttachmentRef {
  name: string;
  contentType: string;
  size: number;
  bucket: string;
  key: string;
}
