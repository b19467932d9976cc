import { MessageInProgress, type OutboundClaim } from '../cases/repository';
import type { CaseStore } from '../cases/store';

/** Within the notify function's 30 s, leaving time to send once the other attempt's lease has lapsed. */
const DEFAULT_CLAIM_WAIT_MS = 20_000;

/**
 * Claims the sending, waiting while another attempt holds it (it is sending now, or its lease lapses soon).
 * `caseId`: the case a reply to the message threads to; none for a message about several (the procuracy's dispatch).
 */
export async function claimOrWait(messageId: string, caseId: string | undefined, at: string, ports: { cases: CaseStore; claimWaitMs?: number }): Promise<Exclude<OutboundClaim, { state: 'held' }>> {
  const giveUpAt = Date.now() + (ports.claimWaitMs ?? DEFAULT_CLAIM_WAIT_MS);
  for (;;) {
    const claim = await ports.cases.claimOutbound(messageId, caseId, at);
    if (claim.state !== 'held') return claim;
    if (Date.now() >= giveUpAt) throw new MessageInProgress(`message ${messageId}${caseId ? ` of case ${caseId}` : ''} is being sent by another attempt (its lease ends ${new Date(claim.untilMs).toISOString()})`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(50, Math.min(250, claim.untilMs - Date.now(), giveUpAt - Date.now()))));
  }
}
