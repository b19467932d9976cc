import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, LAMBDA_BASIC_EXECUTION_ROLE, nagRef } from '../nag';
import { grantTableUse } from '../table-access';
import { CAPACITY } from '../capacity';

export interface IntakeProps {
  readonly inboundBucket: s3.IBucket;
  /** The key prefix SES stores raw messages under. */
  readonly inboundPrefix: string;
  readonly table: dynamodb.ITable;
  readonly documentsBucket: s3.IBucket;
  readonly stateMachine: sfn.IStateMachine;
}

const INTAKE_TIMEOUT = Duration.seconds(60);
/** Retries before a message is parked; S3 and SES deliver at least once, so intake is idempotent. */
const MAX_RECEIVE_COUNT = 5;

/**
 * From a stored raw message to an open case: S3 ObjectCreated under inbound/ goes through a
 * queue (retries, and a dead-letter queue instead of a lost event) to the intake function,
 * which parses, routes and opens the case, then starts its workflow.
 */
export class Intake extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly intakeFunction: AppFunction;

  constructor(scope: Construct, id: string, props: IntakeProps) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda consumers: at least six times the function timeout, so a
      // message is not redelivered while a throttled or retried batch is still running.
      visibilityTimeout: Duration.seconds(INTAKE_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    props.inboundBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), {
      prefix: props.inboundPrefix,
    });
    // CDK configures bucket notifications through a singleton framework function of the stack.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('BucketNotificationsHandler')) {
        acknowledge(
          child,
          'The CDK bucket-notifications handler (framework code) only writes its own logs with AWSLambdaBasicExecutionRole.',
          LAMBDA_BASIC_EXECUTION_ROLE,
        );
      }
    }

    this.intakeFunction = new AppFunction(this, 'IntakeFunction', {
      service: 'intake',
      description: 'Opens a case (or threads a reply) from each raw e-mail stored under inbound/',
      timeout: INTAKE_TIMEOUT,
      environment: {
        TABLE_NAME: props.table.tableName,
        INBOUND_BUCKET: props.inboundBucket.bucketName,
        DOCUMENTS_BUCKET: props.documentsBucket.bucketName,
        STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
      },
    });
    this.intakeFunction.addEventSource(
      // A burst queues (kept 14 days) rather than taking every Lambda instance of the account (infra/capacity.ts).
      new SqsEventSource(this.queue, { batchSize: CAPACITY.intakeBatchSize, reportBatchItemFailures: true, maxConcurrency: CAPACITY.intakeMaxConcurrency }),
    );

    // Reads only what SES stored; writes attachments but never deletes a record.
    props.inboundBucket.grantRead(this.intakeFunction, `${props.inboundPrefix}*`);
    props.documentsBucket.grantRead(this.intakeFunction);
    props.documentsBucket.grantPut(this.intakeFunction);
    // Reads a message's record, its register's serial and its sender's count in one (batch read); opens cases and
    // records messages (puts), numbers cases, reserves ids and counts a requester's cases (updates); deletes nothing.
    grantTableUse(props.table, this.intakeFunction, 'read', 'batch-read', 'put', 'update');
    props.stateMachine.grantStartExecution(this.intakeFunction);

    acknowledge(
      this.intakeFunction,
      'Object-level grants from Bucket.grantRead/grantPut and index queries: keys are per message, attachment and index, so they cannot be listed.',
      iam5(`Resource::${nagRef(props.inboundBucket)}/${props.inboundPrefix}*`),
      iam5(`Resource::${nagRef(props.documentsBucket)}/*`),
      iam5(`Resource::${nagRef(props.table)}/index/*`),
      iam5('Action::s3:GetObject*'),
      iam5('Action::s3:GetBucket*'),
      iam5('Action::s3:List*'),
      iam5('Action::s3:Abort*'),
    );
  }
}
