import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { DISPATCH_TIME } from '../../shared/procuracy/plan';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { grantTableUse } from '../table-access';

/** Vietnam is UTC+7 all year (no daylight saving): the schedule's hour in UTC. */
const VIETNAM_OFFSET_HOURS = 7;

/**
 * Every day at 16:30 in Vietnam (shared/procuracy/plan.ts DISPATCH_TIME): the function itself skips an
 * office's day off on its calendar (weekends, holidays, and the Saturdays worked in exchange run), so the
 * schedule runs on every day of the week rather than guessing the calendar in a cron expression.
 */
export const PROCURACY_DISPATCH_SCHEDULE = events.Schedule.cron({ minute: String(DISPATCH_TIME.minute), hour: String(DISPATCH_TIME.hour - VIETNAM_OFFSET_HOURS) });

export interface ProcuracyDispatchProps {
  readonly table: dynamodb.ITable;
  readonly documentsBucket: s3.IBucket;
  /** The agency's SES domain identity, and the one address the function may send from. */
  readonly identity: ses.EmailIdentity;
  readonly senderAddress: string;
}

/**
 * The daily dispatch of decisions to the procuracy: one e-mail per office (or a few, by size) carrying every
 * decision whose copy is due, instead of one e-mail and three state transitions per case.
 */
export class ProcuracyDispatch extends Construct {
  readonly dispatchFunction: AppFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ProcuracyDispatchProps) {
    super(scope, id);
    this.dispatchFunction = new AppFunction(this, 'DispatchFunction', {
      service: 'procuracy',
      description: "Sends each office's decisions due to its procuracy, in one daily dispatch",
      environment: { TABLE_NAME: props.table.tableName, DOCUMENTS_BUCKET: props.documentsBucket.bucketName, SENDER_ADDRESS: props.senderAddress },
      // Reads every due decision's PDF and sends a few e-mails of up to 10 MB each, office after office.
      timeout: Duration.minutes(5),
      memorySize: 1024,
    });
    // One run at a time, sending one e-mail at a time: a handful a day at 16:30, beside notify's share of SES's sending
    // rate (infra/capacity.ts). A send SES throttles is refused, so the run fails and EventBridge retries it.
    (this.dispatchFunction.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = 1;
    // Reads the cases and the office's due copies; assigns them to dispatches, claims and marks each e-mail, records
    // the sending with each case change, and removes the due items and the dispatch once recorded.
    grantTableUse(props.table, this.dispatchFunction, 'read', 'put', 'update', 'delete');
    props.documentsBucket.grantRead(this.dispatchFunction);
    // As notify: send only from the agency's sender address.
    this.dispatchFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail', 'ses:SendEmail'],
        resources: [props.identity.emailIdentityArn],
        conditions: { StringEquals: { 'ses:FromAddress': props.senderAddress } },
      }),
    );
    // A failed run (a send refused, a write that failed) is retried twice by EventBridge; what is left waits for the next day's run.
    this.rule = new events.Rule(this, 'Daily', {
      description: 'The daily dispatch of decisions to the procuracy (16:30 in Vietnam)',
      schedule: PROCURACY_DISPATCH_SCHEDULE,
      targets: [new targets.LambdaFunction(this.dispatchFunction, { retryAttempts: 2 })],
    });

    acknowledge(
      this.dispatchFunction,
      'Object-level read from Bucket.grantRead (decisions are keyed per case) and index queries.',
      iam5(`Resource::${nagRef(props.documentsBucket)}/*`),
      iam5(`Resource::${nagRef(props.table)}/index/*`),
      iam5('Action::s3:GetObject*'),
      iam5('Action::s3:GetBucket*'),
      iam5('Action::s3:List*'),
    );
  }
}
