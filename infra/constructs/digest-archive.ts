import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import type { Retention } from '../security-config';
import { grantTableUse } from '../table-access';
import { RecordsBucket } from './buckets';

export interface DigestArchiveProps {
  readonly table: dynamodb.ITable;
  readonly accessLogsBucket: s3.IBucket;
  /** Object Lock retention of the digests (config/security.json `objectLock.digests`; COMPLIANCE: not even the root user can remove one). */
  readonly objectLock: Retention;
}

/** 00:05 in Vietnam (UTC+7, no daylight saving): the digest of the day that just ended. */
export const DIGEST_SCHEDULE = events.Schedule.cron({ minute: '5', hour: '17' });

/**
 * Tamper evidence outside the table: once a day a function reads every case's chain head and
 * writes their Merkle root (shared/digest) to a bucket under S3 Object Lock. An administrator who
 * can rewrite the table cannot rewrite a digest, and `motcua verify --digest` names any chain that
 * no longer reaches the head a digest recorded.
 */
export class DigestArchive extends Construct {
  readonly bucket: RecordsBucket;
  readonly digestFunction: AppFunction;

  constructor(scope: Construct, id: string, props: DigestArchiveProps) {
    super(scope, id);

    this.bucket = new RecordsBucket(this, 'DigestBucket', {
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'digest-bucket/',
      objectLock: props.objectLock,
    });

    this.digestFunction = new AppFunction(this, 'DigestFunction', {
      service: 'digest',
      description: "Writes the daily digest of every case's chain head to the Object Lock bucket",
      environment: { TABLE_NAME: props.table.tableName, DIGEST_BUCKET: this.bucket.bucketName },
    });
    // Reads the case items' heads (a scan) and writes new digests: it may neither change the table nor read back or remove a digest.
    grantTableUse(props.table, this.digestFunction, 'scan');
    this.digestFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('digests/*')] }));

    new events.Rule(this, 'Daily', { description: 'The daily chain digest', schedule: DIGEST_SCHEDULE, targets: [new targets.LambdaFunction(this.digestFunction, { retryAttempts: 2 })] });

    acknowledge(this.digestFunction, 'It writes one new object per digest, under digests/ only; their keys carry the day and time.', iam5(`Resource::${nagRef(this.bucket)}/digests/*`));
  }
}
