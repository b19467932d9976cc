import { Arn, ArnFormat, Aws, CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { OfficeDirectory } from '../../shared/offices/directory';
import { acknowledge, iam5, LAMBDA_BASIC_EXECUTION_ROLE } from '../nag';
import { RecordsBucket } from './buckets';
import type { Retention } from '../security-config';

export interface MailboxProps {
  /** The offices whose published addresses this mailbox receives for. */
  readonly directory: OfficeDirectory;
  readonly accessLogsBucket: s3.IBucket;
  /** Object Lock retention of the raw mail (config/security.json `objectLock.rawMail`). */
  readonly objectLock: Retention;
}

/** Where SES puts each raw message; intake listens on this prefix. */
export const INBOUND_PREFIX = 'inbound/';

/**
 * Named so that the bucket policy can name the one rule allowed to write (aws:SourceArn)
 * without depending on the rule, which must itself wait for the policy. A rule name is local
 * to its rule set, which CloudFormation names, so it cannot collide.
 */
const RULE_NAME = 'store-raw-message';

/**
 * The agency's inbound mail: an SES receipt rule for every office address that virus-scans the
 * message and stores it, raw and untouched, under inbound/ in a records bucket before any code
 * runs (nothing is lost). The rule set is made the active one, which CloudFormation cannot do.
 */
export class Mailbox extends Construct {
  readonly inboundBucket: s3.Bucket;
  readonly ruleSet: ses.ReceiptRuleSet;
  readonly recipients: string[];

  constructor(scope: Construct, id: string, props: MailboxProps) {
    super(scope, id);

    this.inboundBucket = new RecordsBucket(this, 'InboundBucket', {
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 'inbound-bucket/',
      objectLock: props.objectLock,
    });

    this.recipients = props.directory.offices.map((office) => office.email.toLowerCase());
    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet');
    const rule = this.ruleSet.addRule('StoreRawMessage', {
      receiptRuleName: RULE_NAME,
      recipients: this.recipients,
      scanEnabled: true,
      actions: [new StoreInBucket(this.inboundBucket, INBOUND_PREFIX, this.ruleSet)],
    });

    this.activate(this.ruleSet, rule);

    // The DNS record an operator publishes once (see infra/README.md).
    const mailDomain = props.directory.agency.mailDomain;
    new CfnOutput(this, 'InboundMxRecord', {
      key: 'InboundMxRecord',
      description: `MX record for ${mailDomain}, so that SES receives the offices' mail`,
      value: `${mailDomain} MX 10 inbound-smtp.${Aws.REGION}.amazonaws.com`,
    });
  }

  /** SES receives with at most one active rule set per region; a new rule set starts inactive. */
  private activate(ruleSet: ses.ReceiptRuleSet, rule: ses.ReceiptRule): void {
    const activation = new cr.AwsCustomResource(this, 'ActivateRuleSet', {
      resourceType: 'Custom::SesActiveReceiptRuleSet',
      onCreate: {
        service: 'SES',
        action: 'SetActiveReceiptRuleSet',
        parameters: { RuleSetName: ruleSet.receiptRuleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(ruleSet.receiptRuleSetName),
      },
      onUpdate: {
        service: 'SES',
        action: 'SetActiveReceiptRuleSet',
        parameters: { RuleSetName: ruleSet.receiptRuleSetName },
        physicalResourceId: cr.PhysicalResourceId.of(ruleSet.receiptRuleSetName),
      },
      // Without RuleSetName, SES deactivates whichever rule set is active, so the rule set can
      // then be deleted (an active rule set cannot be).
      onDelete: { service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} },
      // SetActiveReceiptRuleSet has no resource-level permissions.
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      // The SDK in the Lambda runtime has this call; fetching the newest one at deploy time
      // would make deploys depend on the npm registry.
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'ActivationLogGroup', {
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      }),
    });
    // Activate only once the rule (and the bucket policy it waits for) exists.
    activation.node.addDependency(rule);

    acknowledge(activation, 'ses:SetActiveReceiptRuleSet has no resource-level permissions.', iam5('Resource::*'));
    const provider = Stack.of(this).node.tryFindChild(`AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      acknowledge(
        provider,
        'The AwsCustomResource provider (CDK framework code) only writes its own logs with AWSLambdaBasicExecutionRole.',
        LAMBDA_BASIC_EXECUTION_ROLE,
      );
    }
  }
}

/**
 * The S3 receipt action, with a bucket policy that lets SES write only for this account AND
 * this rule (the CDK `aws-ses-actions` S3 action only checks aws:SourceAccount, which would let
 * any rule set in the account write into the records bucket).
 */
class StoreInBucket implements ses.IReceiptRuleAction {
  constructor(
    private readonly bucket: s3.Bucket,
    private readonly prefix: string,
    private readonly ruleSet: ses.IReceiptRuleSet,
  ) {}

  bind(rule: ses.IReceiptRuleRef): ses.ReceiptRuleActionConfig {
    const stack = Stack.of(this.bucket);
    const ruleArn = Arn.format(
      {
        service: 'ses',
        resource: 'receipt-rule-set',
        resourceName: `${this.ruleSet.receiptRuleSetName}:receipt-rule/${RULE_NAME}`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      stack,
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptRuleToStoreInboundMail',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${this.prefix}*`)],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': ruleArn } },
      }),
    );
    // SES checks that it may write when the rule is created.
    const policy = this.bucket.policy;
    if (policy) rule.node.addDependency(policy);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: this.prefix } };
  }
}
