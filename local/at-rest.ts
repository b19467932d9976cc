import type { LocalStack } from './local-stack';

/**
 * Why the local stack is not at rest, in words (empty when it is): inbound mail queued, in intake or
 * waiting for a retry; an execution at work (a running one that waits for a person, a reply or the
 * clock is at rest); a function running (even one whose Task gave up on it); an execution's end not
 * yet delivered to notify. At rest, nothing more happens until someone acts or the clock moves.
 */
export function busyReasons(stack: LocalStack): string[] {
  const events = stack.eventsInDelivery();
  return [
    ...(stack.queue.isIdle() ? [] : ['inbound mail in the queue']),
    ...stack.engine.executionsAtWork().map((e) => `execution ${e} at work`),
    ...stack.functions
      .all()
      .filter((f) => f.active > 0)
      .map((f) => `${f.name} running`),
    ...(events > 0 ? [`${events} execution end(s) not yet delivered to notify`] : []),
  ];
}

/**
 * Resolves once the stack is at rest on two looks in a row (one moment of calm between two steps is
 * not rest), or fails naming what was still busy. The bound is generous: on a busy machine rest comes
 * late, not wrong.
 */
export async function waitUntilAtRest(stack: LocalStack, timeoutMs = 60_000, pollMs = 100): Promise<void> {
  let calmBefore = false;
  let reasons: string[] = [];
  for (const deadline = Date.now() + timeoutMs; ; ) {
    reasons = busyReasons(stack);
    const calm = reasons.length === 0;
    if (calm && calmBefore) return;
    calmBefore = calm;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the stack to be idle (still busy: ${reasons.join('; ')})`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
