import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { parseOfficeDirectory } from '../../shared/offices/directory';
import { actionsOf, arn, deployedDirectory, flatten, logicalId, ref, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

const resourceOfType = (type: string) => {
  const resources = Object.values(template.findResources(type));
  expect(resources, type).toHaveLength(1);
  return resources[0]!;
};

describe('the mailbox (SES receiving)', () => {
  it('receives for every published office address, virus-scanned, into inbound/ of the inbound bucket', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: ref(stack.mailbox.ruleSet),
      Rule: {
        Enabled: true,
        ScanEnabled: true,
        Recipients: ['motcua@hcm.thads.example', 'kv1@hcm.thads.example', 'kv2@hcm.thads.example'],
        Actions: [{ S3Action: { BucketName: ref(stack.mailbox.inboundBucket), ObjectKeyPrefix: 'inbound/' } }],
      },
    });
  });

  it('lets SES write into inbound/ only for this account and this receipt rule, before the rule exists', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(stack.mailbox.inboundBucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: { 'Fn::Join': ['', [arn(stack.mailbox.inboundBucket), '/inbound/*']] },
          }),
        ]),
      },
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(stack.mailbox.inboundBucket)),
    )!;
    const sesStatement = (policy.Properties.PolicyDocument.Statement as { Principal?: { Service?: string }; Condition: Record<string, Record<string, unknown>> }[])
      .find((s) => s.Principal?.Service === 'ses.amazonaws.com')!;
    expect(sesStatement.Condition.StringEquals!['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(flatten(sesStatement.Condition.StringEquals!['aws:SourceArn'])).toBe(
      `arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:receipt-rule-set/<${logicalId(stack.mailbox.ruleSet)}>:receipt-rule/store-raw-message`,
    );
    template.hasResource('AWS::SES::ReceiptRule', {
      Properties: { Rule: Match.objectLike({ Name: 'store-raw-message' }) },
      DependsOn: Match.arrayWith([logicalId(stack.mailbox.inboundBucket.policy!)]),
    });
  });

  it('activates its rule set once the rule exists, and deactivates on delete so the rule set can go', () => {
    const activation = resourceOfType('Custom::SesActiveReceiptRuleSet');
    const call = (phase: string) => JSON.parse(flatten(activation.Properties[phase])) as Record<string, unknown>;
    const activate = {
      service: 'SES',
      action: 'SetActiveReceiptRuleSet',
      parameters: { RuleSetName: `<${logicalId(stack.mailbox.ruleSet)}>` },
    };
    expect(call('Create')).toMatchObject(activate);
    expect(call('Update')).toMatchObject(activate);
    expect(call('Delete')).toEqual({ service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} });
    expect(activation.Properties.InstallLatestAwsSdk).toBe(false);
    const [ruleId] = Object.keys(template.findResources('AWS::SES::ReceiptRule'));
    expect(activation.DependsOn).toContain(ruleId);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'ses:SetActiveReceiptRuleSet', Resource: '*' })] },
    });
  });

  it('outputs the DNS records to publish: the MX record and the three DKIM CNAMEs', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(flatten(outputs.InboundMxRecord?.Value)).toBe('hcm.thads.example MX 10 inbound-smtp.<AWS::Region>.amazonaws.com');
    const identity = logicalId(stack.notifications.identity);
    for (const n of [1, 2, 3]) {
      expect(flatten(outputs[`DkimRecord${n}`]?.Value)).toBe(`<${identity}.DkimDNSTokenName${n}> CNAME <${identity}.DkimDNSTokenValue${n}>`);
    }
  });

  it('follows the office directory it is given', () => {
    // Prepare: another agency, as after the 2025 reorganisation
    const base = deployedDirectory();
    const other = parseOfficeDirectory({
      ...base,
      agency: { ...base.agency, mailDomain: 'hn.thads.example', senderAddress: 'motcua@hn.thads.example' },
      offices: [{ ...base.offices[0]!, code: 'HN', province: 'HN', email: 'MotCua@hn.thads.example' }],
    });

    // Act
    const { template: otherTemplate } = synthesizeMotcua({ directory: other });

    // Assess
    otherTemplate.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['motcua@hn.thads.example'] }),
    });
    otherTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'hn.thads.example' });
    otherTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SENDER_ADDRESS: 'motcua@hn.thads.example' }) },
    });
  });
});

describe('the intake path', () => {
  it('queues every object created under inbound/', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: ref(stack.mailbox.inboundBucket),
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'inbound/' }] } },
            QueueArn: arn(stack.intake.queue),
          },
        ],
      },
    });
  });

  it('hides a message for six times the intake timeout, and parks it after five failures', () => {
    const fn = template.toJSON().Resources[logicalId(stack.intake.intakeFunction)];
    const queue = template.toJSON().Resources[logicalId(stack.intake.queue)];
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: arn(stack.intake.deadLetterQueue), maxReceiveCount: 5 });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    expect(template.toJSON().Resources[logicalId(stack.intake.deadLetterQueue)].Properties).toEqual({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('encrypts both queues and refuses requests without TLS', () => {
    for (const queue of [stack.intake.queue, stack.intake.deadLetterQueue]) {
      expect(template.toJSON().Resources[logicalId(queue)].Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(queue)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('feeds the intake function in batches that may fail item by item', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arn(stack.intake.queue),
      FunctionName: ref(stack.intake.intakeFunction),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('tells intake where things are', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'intake',
          TABLE_NAME: ref(stack.caseStore.table),
          INBOUND_BUCKET: ref(stack.mailbox.inboundBucket),
          DOCUMENTS_BUCKET: ref(stack.caseStore.documentsBucket),
          STATE_MACHINE_ARN: ref(stack.workflow.stateMachine),
        }),
      },
    });
  });

  it('lets intake read inbound/, add documents (never delete), use the table and start executions', () => {
    const statements = roleStatements(template, stack.intake.intakeFunction.role!);
    const allowed = (action: string) => statements.filter((s) => actionsOf(s).includes(action)).map((s) => s.Resource);

    const objectsOf = (bucket: typeof stack.mailbox.inboundBucket, pattern: string) => ({ 'Fn::Join': ['', [arn(bucket), pattern]] });
    const readable = allowed('s3:GetObject*').flat();
    expect(readable).toContainEqual(objectsOf(stack.mailbox.inboundBucket, '/inbound/*'));
    expect(readable).not.toContainEqual(objectsOf(stack.mailbox.inboundBucket, '/*'));
    expect(allowed('s3:PutObject')).toEqual([objectsOf(stack.caseStore.documentsBucket, '/*')]);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    // Transactions (a case and its timeline event) are authorised item action by item action.
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect(allowed(action).flat()).toContainEqual(arn(stack.caseStore.table));
    }
    expect(allowed('states:StartExecution')).toEqual([ref(stack.workflow.stateMachine)]);
    expect(allowed('sqs:ReceiveMessage')).toEqual([arn(stack.intake.queue)]);
  });
});
