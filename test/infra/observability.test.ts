import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { arn, logicalId, ref, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua({ alarmEmail: 'ops@hcm.thads.example' }));
}, SYNTH_TIMEOUT_MS);

const alarmTopic = () => ref(stack.observability.topic);

describe('the operations alarm topic', () => {
  it('is encrypted with a rotated key that CloudWatch alarms may use, and refuses requests without TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: arn(stack.observability.topic.masterKey!) });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [alarmTopic()],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('e-mails the address given as context alarmEmail', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@hcm.thads.example',
      TopicArn: alarmTopic(),
    });
  });
});

describe('alarms', () => {
  const alarmOn = (metricName: string, dimensions: unknown[]) =>
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metricName,
      Dimensions: dimensions,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [alarmTopic()],
    });

  it('fires as soon as a message is parked in the intake dead-letter queue', () => {
    alarmOn('ApproximateNumberOfMessagesVisible', [
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.intake.deadLetterQueue), 'QueueName'] } },
    ]);
  });

  it('fires on errors of each function', () => {
    const functions = [stack.intake.intakeFunction, stack.workflow.workflowFunction, stack.notifications.notifyFunction, stack.api.apiFunction, stack.digestArchive.digestFunction, stack.procuracyDispatch.dispatchFunction];
    for (const fn of functions) alarmOn('Errors', [{ Name: 'FunctionName', Value: ref(fn) }]);
  });

  it('fires when a workflow execution fails or times out', () => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      alarmOn(metric, [{ Name: 'StateMachineArn', Value: ref(stack.workflow.stateMachine) }]);
    }
    expect(stack.observability.alarms).toHaveLength(1 + 6 + 2);
  });
});

describe('without alarmEmail', () => {
  it('subscribes nobody', () => {
    const { template: quiet } = synthesizeMotcua();
    quiet.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
