import { rawObjectsOf, type DeadLetter, type DeadLetterQueue } from '../shared/operations/dead-letters';
import type { LocalQueue, QueuedMessage } from './local-queue';

/** The path of the running local stack's dead letters (local/api-server.ts): GET lists, POST {"ids"?} redrives. */
export const LOCAL_DLQ_PATH = '/_local/dlq';

export function toDeadLetter(message: QueuedMessage): DeadLetter {
  return {
    id: message.messageId,
    rawObjects: rawObjectsOf(message.body),
    receiveCount: message.receiveCount,
    sentAt: new Date(message.sentAt).toISOString(),
    reason: `intake failed ${message.receiveCount} time(s); last: ${message.lastError ?? 'no error recorded'}`,
  };
}

/** What the route answers, from the queue the stack runs (the queue is in this process; the CLI is not). */
export async function deadLetterRoute(queue: LocalQueue, method: string, body: string): Promise<{ statusCode: number; body: string }> {
  if (method === 'GET') return { statusCode: 200, body: JSON.stringify(queue.deadLetters().map(toDeadLetter)) };
  if (method === 'POST') {
    const { ids } = (body ? JSON.parse(body) : {}) as { ids?: unknown };
    if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) return { statusCode: 400, body: JSON.stringify({ error: 'ids must be a list of dead-letter ids' }) };
    return { statusCode: 200, body: JSON.stringify({ redriven: queue.redrive(ids as string[] | undefined) }) };
  }
  return { statusCode: 405, body: JSON.stringify({ error: `${method} is not allowed here` }) };
}

/** The dead letters of a running local stack, over its API server: the same port as the SQS one on AWS. */
export class LocalDeadLetterQueue implements DeadLetterQueue {
  constructor(private readonly apiUrl: string) {}

  async list(): Promise<DeadLetter[]> {
    return (await this.call('GET')) as DeadLetter[];
  }

  async redrive(ids?: string[]): Promise<number> {
    return ((await this.call('POST', JSON.stringify(ids ? { ids } : {}))) as { redriven: number }).redriven;
  }

  private async call(method: string, body?: string): Promise<unknown> {
    const response = await fetch(`${this.apiUrl}${LOCAL_DLQ_PATH}`, { method, body });
    if (!response.ok) throw new Error(`the local stack's dead letters at ${this.apiUrl}: ${response.status} ${await response.text()}`);
    return response.json();
  }
}
