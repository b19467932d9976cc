import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { actionsOf, arn, flatten, logicalId, ref, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the scheduled reconciliation', () => {
  it('runs the reconcile function every hour', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: Match.arrayWith([Match.objectLike({ Arn: arn(stack.reconciliation.reconcileFunction) })]),
    });
  });

  it('raises an alarm on the operations topic as soon as one run finds a raw mail nobody took in', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'motcua',
      MetricName: 'Reconcile.Unaccounted',
      Dimensions: [{ Name: 'service', Value: 'reconcile' }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [ref(stack.observability.topic)],
    });
  });

  it('may read the raw mail under inbound/ and the message records, and change nothing', () => {
    const statements = roleStatements(template, stack.reconciliation.reconcileFunction.role!).filter((s) => s.Effect === 'Allow');
    const actions = statements.flatMap(actionsOf).filter((a) => !a.startsWith('xray:'));
    expect(actions.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject', 's3:ListBucket']);
    const read = statements.find((s) => actionsOf(s).includes('s3:GetObject'))!;
    expect(flatten(read.Resource)).toBe(`<${logicalId(stack.mailbox.inboundBucket)}.Arn>/inbound/*`);
    const list = statements.find((s) => actionsOf(s).includes('s3:ListBucket'))!;
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['inbound/*'] } });
  });
});
