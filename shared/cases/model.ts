/** What a case is, as the table stores it and the timeline tells it. */

/** Codes of the procedures in the catalog (config/procedures.json). */
export type ProcedureCode = string;

/** How a procedure runs: the request for enforcement, another one-stop procedure, or guidance (complaints). */
export type ProcedureFlow = 'enforcement-request' | 'one-stop' | 'guidance' | 'answer';

export type CaseStatus =
  | 'received'
  | 'awaiting-review'
  | 'reviewed'
  | 'awaiting-requester'
  | 'awaiting-visit'
  | 'received-in-person'
  | 'awaiting-decision'
  | 'decided'
  | 'awaiting-handover'
  | 'awaiting-registration'
  | 'awaiting-answer'
  | 'closed';

/** Why a case closed. */
export type ClosureReason = 'resolved' | 'refused' | 'referred' | 'no-reply' | 'missed-twice' | 'guidance-given' | 'withdrawn' | 'answered';

export type Actor =
  | { kind: 'system'; component: string }
  | { kind: 'requester'; address: string }
  | { kind: 'officer'; id: string; name?: string };

export interface Requester {
  /**
   * The requester's e-mail address, where notices go. Absent only for a request registered from the post or
   * the desk without one: its letters are then printed for the post (shared/notices/send-notice.ts).
   */
  address?: string;
  name?: string;
  /** Where letters go by post (a request registered from the post or the desk). */
  postalAddress?: string;
  phone?: string;
}

/**
 * How a request reached the office when it did not come by e-mail: by post (with the postmark's date) or
 * handed in at the desk, and registered by an officer (shared/staff/register-request.ts). A case without
 * `channel` came by e-mail.
 */
export interface RegisteredChannel {
  kind: 'post' | 'desk';
  /** The date on the postmark (YYYY-MM-DD), for a request received by post. */
  postmarkDate?: string;
  /** The officer who registered it, and when. */
  registeredBy: string;
  registeredAt: string;
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
  /** Set once the deadline passed, so the breach is recorded once however often the wait resumes. */
  breached?: boolean;
}

/**
 * The case's workflow ended without closing it (failed, aborted, timed out): people must act.
 * Set by the execution's end, cleared when the case is resumed (motcua case resume).
 */
export interface NeedsAttention {
  /** FAILED, ABORTED or TIMED_OUT, as Step Functions reports the execution's end. */
  status: string;
  /** The execution that ended. */
  execution: string;
  error?: string;
  cause?: string;
  at: string;
}

/** A place in a half-day session of the office, for the in-person receipt. */
export interface AppointmentRecord {
  slot: { office: string; date: string; session: string; start: string; end: string };
  reminderAt: string;
  bookedAt: string;
  /** 1 for the first booking, +1 for each new date (reschedule or no-show): keeps notices and invitations apart. */
  attempt: number;
  missed: number;
}

export interface DecisionRecord {
  number: string;
  date: string;
  signer: string | { name: string; title: string };
  document?: DocumentRef;
  recordedAt: string;
}

export interface DocumentRef {
  name: string;
  contentType: string;
  bucket: string;
  key: string;
  /** SHA-256 (hex) of the stored bytes, on the chained event that names the document: verify re-hashes it. */
  sha256?: string;
  size?: number;
}

/**
 * The officer or head recorded, before the deadline, that a step's result will be late (form 04 of circular
 * 03/2025/TT-VPCP): why, and the new date. The step's deadline moves to the new date; the original is kept here.
 */
export interface DelayRecord {
  step: string;
  recordedAt: string;
  by: Actor;
  reason: string;
  originalDueAt: string;
  newDueAt: string;
}

/**
 * The requester withdrew the request in writing (an e-mail on the case thread, or a letter handed in), and an
 * officer or head recorded it (shared/staff/withdraw.ts): the workflow then ends the case as withdrawn.
 */
export interface WithdrawalRecord {
  recordedAt: string;
  by: Actor;
  /** How the written withdrawal came: an e-mail of the requester, or a letter handed in or posted. */
  via: 'email' | 'letter';
  /** Which writing it is, as the officer identifies it (its date, its Message-ID, its number in the register). */
  reference: string;
  /** The reason the requester gave, if any. */
  reason?: string;
  /** The step the case waited for when the withdrawal was recorded. */
  step: string;
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
  /** Absent for a request received by e-mail; post or desk for one an officer registered. */
  channel?: RegisteredChannel;
  deadlines: Record<string, StepDeadline>;
  breaches: string[];
  pendingStep?: PendingStep;
  flow?: ProcedureFlow;
  /** The review round: 1, then +1 after each reply of the requester to a request for more. */
  round?: number;
  /** The automatic checks before review (they help the officer, never decide). */
  checklist?: Record<string, unknown>;
  /** The words of the text read of its attachments, folded, for the staff search (shared/reading/search-words.ts); the text itself is in S3. */
  readingWords?: string;
  appointment?: AppointmentRecord;
  /** The request that last moved the appointment (a reply's Message-ID, an action's time): a retry does not move it twice. */
  appointmentChange?: string;
  /** How the requester receives the result: at the desk, or by post to a registered address. */
  resultCollection?: { method: 'at-desk' | 'by-post'; postalAddress?: string };
  decision?: DecisionRecord;
  /** The decision was delivered: at the desk against a signed slip, or by post. Enforcement officers check this before delivering. */
  resultDelivered?: { at: string; method: 'at-desk' | 'by-post'; recipientName?: string; signedSlip?: boolean | DocumentRef; by?: string };
  /** The copy of the decision to the procuracy, against its own limit. */
  procuracyCopy?: { sentAt: string; onTime: boolean };
  /** Documents the system produced (receipt slip, apology letter), by kind. */
  documents?: Record<string, DocumentRef>;
  closure?: { reason: ClosureReason; at: string; note?: string };
  /** Delays recorded before a deadline (form 04 sent), oldest first. */
  delays?: DelayRecord[];
  /** The requester's written withdrawal, once recorded; the case then closes with reason `withdrawn`. */
  withdrawal?: WithdrawalRecord;
  /** The officer the case is assigned to (set by a head's reassignment); unset until then. */
  assignee?: string;
  /** The case's workflow ended without closing it; unset while it runs. */
  workflowEnded?: NeedsAttention;
  /** The name of the case's current execution: the case id, then `<case id>-r<n>` after each resume. */
  execution?: string;
  /** How often the case's workflow was resumed or continued (names the next execution). */
  resumes?: number;
  /**
   * Whether the requester had opened cases before this one, as the opening saw it (the requester's summary, read by
   * intake and conditioned on in the opening's transaction); absent when not known (the receipt then looks).
   */
  requesterHadCases?: boolean;
  /** The sender failed verification (spam/virus FAIL, DMARC FAIL, a feedback report): nothing is sent to them until an officer confirms the address. */
  senderHold?: { reasons: string[]; at: string; confirmed?: { at: string; by: string; note?: string } };
  /** Addresses besides the requester's that may move the case by mail (set by an officer). */
  authorisedAddresses?: string[];
  /** What the desk must look at that no step waits for: a third party wrote about the case, the requester asked to move the appointment too often, or wrote asking to withdraw (a hint: an officer records the withdrawal). */
  attention?: Array<{ kind: 'third-party-message' | 'reschedule-limit' | 'withdrawal-requested'; at: string; detail: string; messageId?: string }>;
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
  /** On the last event of each change: the hash of the case's reportable fields after it (shared/timeline/case-state.ts). */
  caseState?: string;
}

export interface AttachmentRef {
  name: string;
  contentType: string;
  size: number;
  bucket: string;
  key: string;
}

/** An attachment that the mail server found a virus in: never stored apart nor offered for download (it stays in the raw message). */
export interface QuarantinedAttachment {
  name: string;
  contentType: string;
  size: number;
  quarantined: string;
}
