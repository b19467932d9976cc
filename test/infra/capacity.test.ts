import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { CAPACITY, notifyConcurrencyFor } from '../../infra/capacity';
import { ENFORCEMENT_REQUEST_DEFINITION, HUMAN_STEP_DEFINITION } from '../../infra/constructs/workflow';
import { logicalId, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

/** Every Task state of an ASL file, through nested Parallel/Map branches. */
function tasksOf(definition: { States: Record<string, Record<string, unknown>> }): Array<Record<string, unknown>> {
  return Object.values(definition.States).flatMap((state) => [
    ...(state.Type === 'Task' ? [state] : []),
    ...((state.Branches as Array<{ States: Record<string, Record<string, unknown>> }> | undefined) ?? []).flatMap(tasksOf),
    ...(state.ItemProcessor ? tasksOf(state.ItemProcessor as { States: Record<string, Record<string, unknown>> }) : []),
  ]);
}

describe('capacity: a burst queues instead of failing', () => {
  it('runs intake from the queue with a bounded number of concurrent invocations', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) => JSON.stringify(m.Properties.FunctionName).includes(logicalId(stack.intake.intakeFunction)),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties).toMatchObject({
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: CAPACITY.intakeMaxConcurrency },
    });
    // SQS's event source accepts 2 to 1000
    expect(CAPACITY.intakeMaxConcurrency).toBeGreaterThanOrEqual(2);
    expect(CAPACITY.intakeMaxConcurrency).toBeLessThanOrEqual(1000);
  });

  it('keeps the one function that sends mail within the SES sending rate', () => {
    const notify = template.toJSON().Resources[logicalId(stack.notifications.notifyFunction)];
    expect(notify.Properties.ReservedConcurrentExecutions).toBe(CAPACITY.notifyReservedConcurrency);
    expect(CAPACITY.notifyReservedConcurrency).toBeLessThanOrEqual(notifyConcurrencyFor(CAPACITY.sesMaxSendRatePerSecond));
    // no other function may send, but the daily dispatch to the procuracy: one run at a time, one e-mail at a time, a
    // handful a day (a send SES throttles fails the run, which EventBridge retries); any other sender would not be counted
    const senders = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([, p]) => JSON.stringify(p.Properties.PolicyDocument).includes('ses:SendRawEmail'));
    expect(senders).toHaveLength(2);
    const dispatch = template.toJSON().Resources[logicalId(stack.procuracyDispatch.dispatchFunction)];
    expect(dispatch.Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it('retries every call of notify that Lambda throttles, with a back-off, in both state machines', () => {
    for (const file of [ENFORCEMENT_REQUEST_DEFINITION, HUMAN_STEP_DEFINITION]) {
      const notifyTasks = tasksOf(JSON.parse(readFileSync(file, 'utf8'))).filter((t) => JSON.stringify(t).includes('${NotifyFunctionArn}'));
      expect(notifyTasks.length, file).toBeGreaterThan(0);
      for (const task of notifyTasks) {
        const retry = (task.Retry as Array<{ ErrorEquals: string[]; BackoffRate?: number; MaxAttempts?: number }> | undefined) ?? [];
        const throttled = retry.find((r) => r.ErrorEquals.includes('Lambda.TooManyRequestsException') || r.ErrorEquals.includes('States.ALL'));
        expect(throttled, `${file}: ${JSON.stringify(task).slice(0, 120)}`).toBeDefined();
        expect(throttled!.BackoffRate ?? 2).toBeGreaterThan(1);
      }
    }
  });
});
