import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AppFunction, METRICS_NAMESPACE } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { grantTableUse } from '../table-access';
import { UNACCOUNTED_METRIC } from '../../shared/operations/reconcile';

export interface ReconciliationProps {
  readonly inboundBucket: s3.IBucket;
  readonly inboundPrefix: string;
  readonly table: dynamodb.ITable;
  /** The operations alarm topic (Observability). */
  readonly alarmTopic: sns.ITopic;
}

export const RECONCILE_SCHEDULE = events.Schedule.rate(Duration.hours(1));

/**
 * Every hour, `motcua reconcile` as a function: each raw mail stored in the last two days with no
 * record of what became of it (lost notification, message parked or stuck `claimed`) is logged
 * and counted; any count raises an alarm on the operations topic.
 */
export class Reconciliation extends Construct {
  readonly reconcileFunction: AppFunction;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReconciliationProps) {
    super(scope, id);

    this.reconcileFunction = new AppFunction(this, 'ReconcileFunction', {
      service: 'reconcile',
      description: 'Lists stored raw e-mails with no record of what became of them, and counts them for an alarm',
      timeout: Duration.minutes(5),
      environment: { TABLE_NAME: props.table.tableName, INBOUND_BUCKET: props.inboundBucket.bucketName, INBOUND_PREFIX: props.inboundPrefix },
    });
    // Reads message records and the raw mail (its Message-ID); changes nothing.
    grantTableUse(props.table, this.reconcileFunction, 'read');
    this.reconcileFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.inboundBucket.arnForObjects(`${props.inboundPrefix}*`)] }));
    this.reconcileFunction.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.inboundBucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${props.inboundPrefix}*`] } } }),
    );

    new events.Rule(this, 'Hourly', { description: 'Stored raw mail nobody took in', schedule: RECONCILE_SCHEDULE, targets: [new targets.LambdaFunction(this.reconcileFunction, { retryAttempts: 2 })] });

    this.alarm = new cloudwatch.Alarm(this, 'UnaccountedMail', {
      alarmDescription: 'Raw e-mails were stored with no record of what became of them: run motcua reconcile --since and motcua dlq list',
      metric: new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: UNACCOUNTED_METRIC, dimensionsMap: { service: 'reconcile' }, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(props.alarmTopic));

    acknowledge(
      this.reconcileFunction,
      'It reads the raw e-mails under the inbound prefix only, whatever their keys; the table read grant includes its indexes (read only).',
      iam5(`Resource::${nagRef(props.inboundBucket)}/${props.inboundPrefix}*`),
      iam5(`Resource::${nagRef(props.table)}/index/*`),
    );
  }
}
