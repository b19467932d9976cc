import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { RecordsBucket } from './buckets';
import type { Retention } from '../security-config';
import { CASE_INDEX_PROJECTION } from '../../shared/cases/keys';

export interface CaseStoreProps {
  readonly accessLogsBucket: s3.IBucket;
  /** Object Lock retention of the documents (config/security.json `objectLock.documents`). */
  readonly objectLock: Retention;
}

/**
 * The case store: one table for cases, their append-only timeline, message threading and the
 * two per-office indexes (work queue, audit period), and one bucket for case documents
 * (attachments and the documents the agency issues).
 */
export class CaseStore extends Construct {
  readonly table: dynamodb.Table;
  readonly documentsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: CaseStoreProps) {
    super(scope, id);

    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key('PK'),
      sortKey: key('SK'),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Only short-lived items (idempotency records) carry it; cases and events never expire.
      timeToLiveAttribute: 'expiresAt',
    });
    // GSI1: an office's open cases by next deadline (work queue). GSI2: by month received (audit). Keys only
    // (CASE_INDEX_PROJECTION): a case's changes no longer rewrite it into both indexes; readers fetch the items.
    const projectionType = dynamodb.ProjectionType[CASE_INDEX_PROJECTION];
    this.table.addGlobalSecondaryIndex({ indexName: 'GSI1', partitionKey: key('GSI1PK'), sortKey: key('GSI1SK'), projectionType });
    this.table.addGlobalSecondaryIndex({ indexName: 'GSI2', partitionKey: key('GSI2PK'), sortKey: key('GSI2SK'), projectionType });

    this.documentsBucket = new RecordsBucket(this, 'DocumentsBucket', {
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'documents-bucket/',
      objectLock: props.objectLock,
    });
    // The console uploads the scans of requests received by post or at the desk straight here, through
    // presigned PUT links the API signs (shared/staff/register-request.ts): the signature is the credential,
    // so any origin may send one; only PUT is allowed cross-origin.
    this.documentsBucket.addCorsRule({ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: ['*'], allowedHeaders: ['content-type'], maxAge: 600 });
  }
}
