import { ListExecutionsCommand, type ExecutionStatus } from '@aws-sdk/client-sfn';
import type { OutboxEmail } from '../../../local/services/ses-outbox';
import { eventually, type TestStack } from './test-stack';

/** What a fault may not cause, over every message mailed in and every mail sent out so far. */
export interface Effects {
  /** Mail taken in that did not become (or join) a case. */
  lost: string[];
  /** Mails sent more than once (same recipients and subject). */
  doubled: string[];
  /** Cases whose requester got no acknowledgement. */
  unacknowledged: string[];
  /** Executions of the case workflow that ended without their case saying it needs attention. */
  silentlyEnded: string[];
  caseIds: string[];
}

export const NO_HARM = { lost: [], doubled: [], unacknowledged: [], silentlyEnded: [] };

/**
 * Counts the harm, once the stack is idle. `earlierMail` is what the outbox held before a restart:
 * the outbox lives in this process and should survive a restart of the stack, but a count that
 * relied on it would miss a notice sent once before and once after if it did not.
 */
export async function effectsSoFar(t: TestStack, mailed: string[], earlierMail: OutboxEmail[] = []): Promise<Effects> {
  await t.idle();
  const lost: string[] = [];
  const caseIds: string[] = [];
  for (const messageId of mailed) {
    const record = await t.cases.getMessage(messageId);
    if (record?.status !== 'done' || !record.caseId) lost.push(messageId);
    else caseIds.push(record.caseId);
  }
  const outbox = [...new Map([...earlierMail, ...(await t.outbox())].map((m) => [m.messageId, m])).values()];
  const seen = new Map<string, number>();
  for (const m of outbox) seen.set(`${m.destination.to.join(',')}|${m.subject}`, (seen.get(`${m.destination.to.join(',')}|${m.subject}`) ?? 0) + 1);
  const doubled = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  const unacknowledged = caseIds.filter((id) => !outbox.some((m) => m.subject.startsWith('Xác nhận đã nhận') && m.subject.includes(`[${id}]`)));
  const silentlyEnded: string[] = [];
  for (const statusFilter of ['FAILED', 'TIMED_OUT', 'ABORTED'] as ExecutionStatus[]) {
    const { executions = [] } = await t.sfn.send(new ListExecutionsCommand({ stateMachineArn: t.stack.stateMachineArn, statusFilter }));
    for (const e of executions) {
      const caseId = e.name!.replace(/-r\d+$/, '');
      const marked = await eventually(`${caseId} marked`, async () => ((await t.cases.getCase(caseId))?.workflowEnded ? true : undefined), 20_000).catch(() => false);
      if (!marked) silentlyEnded.push(e.name!);
    }
  }
  return { lost, doubled, unacknowledged, silentlyEnded, caseIds };
}
