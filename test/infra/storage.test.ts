import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { arn, logicalId, ref, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the case store table', () => {
  it('is one on-demand table keyed PK/SK with the work-queue and audit indexes, which hold keys only', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const key = (pk: string, sk: string) => [
      { AttributeName: pk, KeyType: 'HASH' },
      { AttributeName: sk, KeyType: 'RANGE' },
    ];
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: key('PK', 'SK'),
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'GSI1', KeySchema: key('GSI1PK', 'GSI1SK'), Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({ IndexName: 'GSI2', KeySchema: key('GSI2PK', 'GSI2SK'), Projection: { ProjectionType: 'KEYS_ONLY' } }),
      ],
      AttributeDefinitions: Match.arrayWith(
        ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      ),
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('survives mistakes: point-in-time recovery, deletion protection, retained, encrypted', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // AWS-managed KMS key (aws/dynamodb): SSEEnabled without a key of our own.
        SSESpecification: { SSEEnabled: true },
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('the record buckets (inbound mail, case documents)', () => {
  const records = () => [
    { bucket: stack.mailbox.inboundBucket, logPrefix: 'inbound-bucket/' },
    { bucket: stack.caseStore.documentsBucket, logPrefix: 'documents-bucket/' },
  ];

  it('are encrypted, versioned, private, access-logged and retained', () => {
    for (const { bucket, logPrefix } of records()) {
      const resource = template.toJSON().Resources[logicalId(bucket)];
      expect(resource, bucket.node.path).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          LoggingConfiguration: { DestinationBucketName: ref(stack.accessLogsBucket), LogFilePrefix: logPrefix },
        },
      });
    }
  });

  it('move ageing records to Standard-IA at 90 days and Glacier Instant Retrieval at 365', () => {
    for (const { bucket } of records()) {
      const resource = template.toJSON().Resources[logicalId(bucket)];
      expect(resource.Properties.LifecycleConfiguration.Rules, bucket.node.path).toContainEqual(
        expect.objectContaining({
          Status: 'Enabled',
          Transitions: [
            { StorageClass: 'STANDARD_IA', TransitionInDays: 90 },
            { StorageClass: 'GLACIER_IR', TransitionInDays: 365 },
          ],
        }),
      );
    }
  });

  it('refuse any request without TLS, like the access-log bucket', () => {
    for (const bucket of [stack.mailbox.inboundBucket, stack.caseStore.documentsBucket, stack.accessLogsBucket]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: ref(bucket),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('log their access into a private, encrypted, retained bucket that S3 log delivery may write to', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true, RestrictPublicBuckets: true }),
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      }),
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(stack.accessLogsBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Condition: Match.objectLike({ ArnLike: { 'aws:SourceArn': arn(stack.mailbox.inboundBucket) } }),
          }),
        ]),
      },
    });
  });
});
