import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { Retention } from '../security-config';

/** Where S3 writes the server access logs of the record buckets (not logged itself: that would loop). */
export class AccessLogsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      // Server access log delivery only supports SSE-S3 on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'archive-access-logs',
          transitions: [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }],
        },
      ],
    });
  }
}

export interface RecordsBucketProps {
  readonly serverAccessLogsBucket: s3.IBucket;
  /** Prefix of this bucket's access logs in the log bucket, e.g. `inbound-bucket/`. */
  readonly serverAccessLogsPrefix: string;
  /** S3 Object Lock: every version is kept, unchangeable, for this long (config/security.json). */
  readonly objectLock: Retention;
}

/** The default retention of a bucket under Object Lock, as config/security.json states it. */
export function objectLockRetention(retention: Retention): s3.ObjectLockRetention {
  const duration = Duration.days(retention.days);
  return retention.mode === 'COMPLIANCE' ? s3.ObjectLockRetention.compliance(duration) : s3.ObjectLockRetention.governance(duration);
}

/**
 * A bucket that holds records (raw e-mails, attachments, issued documents, chain digests):
 * encrypted, versioned so an overwrite never loses a record, under S3 Object Lock so no version
 * can be deleted or changed before its retention ends, private, TLS only, access-logged, kept
 * when the stack is deleted, and moved to cheaper storage as it ages (records are rarely read
 * after the case closes, but must stay retrievable).
 */
export class RecordsBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: RecordsBucketProps) {
    super(scope, id, {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: objectLockRetention(props.objectLock),
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsPrefix,
      lifecycleRules: [
        {
          id: 'age-into-cheaper-storage',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
          ],
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
          ],
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}
