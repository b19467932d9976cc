import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface ObservabilityProps {
  /** The application's functions, by a name that reads well in an alarm (e.g. `Intake`). */
  readonly functions: Record<string, lambda.IFunction>;
  readonly intakeDeadLetterQueue: sqs.IQueue;
  readonly stateMachine: sfn.IStateMachine;
  /** Subscribed to the operations topic when given (context `alarmEmail`). */
  readonly alarmEmail?: string;
}

/**
 * Operations alarms on an encrypted SNS topic: anything that means a request may be stuck or
 * lost (a parked message, a failing function, a failed or timed-out execution).
 */
export class Observability extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    // A customer-managed key: CloudWatch cannot publish to a topic under the AWS-managed
    // aws/sns key, because that key's policy cannot be extended.
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the motcua operations alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'motcua operations alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    this.alarm('IntakeDeadLetters', 'Raw e-mails that intake failed on 5 times are parked in the dead-letter queue', {
      metric: props.intakeDeadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    });
    for (const [name, fn] of Object.entries(props.functions)) {
      this.alarm(`${name}Errors`, `The ${name} function failed`, {
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      });
    }
    this.alarm('ExecutionsFailed', 'A case workflow execution failed', {
      metric: props.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    });
    this.alarm('ExecutionsTimedOut', 'A case workflow execution timed out', {
      metric: props.stateMachine.metricTimedOut({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    });
  }

  /** Any occurrence is worth a look: threshold 1, one period, no data means all is well. */
  private alarm(id: string, description: string, options: { metric: cloudwatch.IMetric }): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric: options.metric,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
