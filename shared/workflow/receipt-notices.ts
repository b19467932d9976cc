import type { ReadingFacts } from '../checks/types';
import { caseSnapshot, type CaseSnapshot } from '../cases/snapshot';
import { sendNotices, type NoticeKind, type NoticePorts, type SentNotice } from '../notices/send-notice';
import type { StepClock } from './step-clock';
import { recordReceipt, type ReceiptPorts } from './receipt-steps';

/** What the workflow's `Record receipt` Task keeps of the receipt, with what became of each notice. */
export interface ReceiptNotified {
  procedure: string;
  flow: string;
  round: number;
  /** The first human step's clock; `known`: the case as the notices left it, for that step's wait. */
  clock: StepClock & { known: CaseSnapshot };
  notices: SentNotice[];
}

/**
 * The receipt and the notices that always follow it (the acknowledgement, then the desk's new-case notice), as
 * one Task of the workflow, `Record receipt` (issue 12: a state transition and a Lambda invocation fewer than
 * two Tasks). Nothing of either is redone here; each keeps its own guarantee on a retry:
 * - recordReceipt decides each part once (a retry after the receipt was recorded writes nothing, and its clock is
 *   read from the deadline the case holds, never computed again);
 * - sendNotices starts from the case recordReceipt wrote (no read), claims the notices together while the case is
 *   still at that `lastSeq`, and sends each once; a retry, whose claim is refused, sends only what is not yet sent.
 * `notices` are sent in order; the timeline is what the two Tasks wrote: the receipt's events, then each notice's.
 */
export async function recordReceiptAndNotify(caseId: string, notices: NoticeKind[], ports: ReceiptPorts & NoticePorts, reading?: ReadingFacts): Promise<ReceiptNotified> {
  const receipt = await recordReceipt(caseId, ports, reading);
  const { results, record } = await sendNotices(caseId, notices, undefined, ports, receipt.clock.known);
  return { ...receipt, clock: { ...receipt.clock, known: caseSnapshot(record) }, notices: results };
}
