import type { ReviewHint } from './review-hints';
/**
 * The automatic checks run on a request before the officer reviews it, and the checklist they produce.
 * They help the officer; they never decide (refuse, close, accept) anything by themselves.
 */
import type { AuthenticationVerdicts } from '../mail/inbound-message';
import type { ProcedureCatalog, ProcedureCode } from '../procedures/catalog';
import type { CaseReading } from '../reading/read-case-attachments';

/** What an attachment looks like from its name, type and size (its content is not read). */
export const ATTACHMENT_KINDS = ['judgment-pdf', 'judgment-photo', 'request-form', 'id-document', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export type Confidence = 'high' | 'medium' | 'low';
export type ItemStatus = 'found' | 'missing' | 'unclear';
export type SenderStatus = 'verified' | 'unverified' | 'failed';

export interface AttachmentFacts {
  filename: string;
  contentType: string;
  size: number;
}

/** What the checks read of an inbound message (an InboundMessage will do). */
export interface MessageFacts {
  subject: string;
  text: string;
  attachments: readonly AttachmentFacts[];
  authentication: AuthenticationVerdicts;
  from?: { address: string; name?: string };
  /** When the agency's server received it; the 30-day window for duplicates counts from here. */
  receivedAt?: Date | string;
}

/** An open case of the same requester, as the caller found it. */
export interface OpenCaseFacts {
  caseId: string;
  subject: string;
  receivedAt: Date | string;
  judgmentRefs: readonly string[];
}

export interface ChecksInput {
  message: MessageFacts;
  /** The procedure the case already follows, if known; otherwise the items of the likely procedure are checked. */
  procedure?: ProcedureCode;
  catalog: ProcedureCatalog;
  /** The requester's open cases (the caller decides who "the same requester" is, usually the sender address). */
  openCasesOfRequester: readonly OpenCaseFacts[];
  /** When the checks run: stamps the checklist, and stands in for receivedAt when the message has none. */
  now?: Date;
  /** What the reading step found in the attachments (shared/reading), or why it could not read them. */
  reading?: ReadingFacts;
}

/** The reading step's result as the checks take it: its summary, or the error that ended it. */
export type ReadingFacts = CaseReading | { Error?: string; Cause?: string };

export interface LikelyProcedure {
  code: ProcedureCode;
  confidence: Confidence;
  /** Why, in Vietnamese: where each keyword was found. */
  evidence: string[];
}

export interface AttachmentCheck {
  filename: string;
  kind: AttachmentKind;
  /** Why, in Vietnamese ("PDF, tên tệp có “bản án”"). */
  reason: string;
}

export interface ItemCheck {
  id: string;
  label: string;
  status: ItemStatus;
  /** What was found, or why it is unclear, in Vietnamese. */
  evidence?: string;
}

export interface SenderCheck {
  status: SenderStatus;
  detail: string;
}

export interface DuplicateCheck {
  caseId: string;
  /** A shared judgment is "likely"; only a similar subject within 30 days is "possible". */
  likelihood: 'likely' | 'possible';
  reason: string;
}

export interface Checklist {
  generatedAt?: string;
  likelyProcedure: LikelyProcedure;
  /** The procedure whose items were checked: the case's own, or the likely one. */
  checkedProcedure: ProcedureCode;
  attachments: AttachmentCheck[];
  items: ItemCheck[];
  sender: SenderCheck;
  duplicates: DuplicateCheck[];
  /** Court case numbers read from subject, text and file names, normalised: "12/2026/DS-ST". */
  judgmentRefs: string[];
  /** Hints before review (limitation, a first-instance judgment, a sender writing for another, slowness as a ground): see review-hints.ts. */
  reviewHints: ReviewHint[];
  /** One line, in Vietnamese, for the officer. */
  summary: string;
  /** What was read in the attachments (hints the officer confirms), when the reading step ran. */
  reading?: CaseReading;
}
