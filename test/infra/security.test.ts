import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { loadSecurityConfig } from '../../infra/security-config';
import { actionsOf, arn, logicalId, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

/** Issue 14, findings 4 and 8: who may write what, records that cannot be replaced, and sign-in. */
let stack: MotcuaStack;
let template: Template;
const security = loadSecurityConfig();

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

const functions = () => ({
  intake: stack.intake.intakeFunction,
  workflow: stack.workflow.workflowFunction,
  notify: stack.notifications.notifyFunction,
  api: stack.api.apiFunction,
  digest: stack.digestArchive.digestFunction,
});

/** The table actions a role is allowed on the table itself. */
function tableActions(role: Parameters<typeof roleStatements>[1]): string[] {
  const table = JSON.stringify(arn(stack.caseStore.table));
  return roleStatements(template, role)
    .filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Resource).includes(table))
    .flatMap(actionsOf)
    .filter((a) => a.startsWith('dynamodb:'))
    .sort();
}

describe('table permissions: each function gets only the actions it uses', () => {
  it('grants every function exactly its table actions, deletes only to those that release claims or reservations, never a batch write', () => {
    // The citizen's routes count attempts (an atomic ADD on a counter item).
    expect(tableActions(stack.api.apiFunction.role!)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // A notice's send claim is marked sent (update) or released after a refused attempt (delete); notices sent
    // together are claimed only while the case is as they were composed from (a condition check in the transaction).
    // It books and moves appointments with their notices: the appointment book's batch reads and releases.
    expect(tableActions(stack.notifications.notifyFunction.role!)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // The appointment book reads a session's reservations in batches and releases them (a missed appointment's new date).
    expect(tableActions(stack.workflow.workflowFunction.role!)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // Intake reads a message's record, its register's serial and its sender's count of cases in one batch read.
    expect(tableActions(stack.intake.intakeFunction.role!)).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(tableActions(stack.digestArchive.digestFunction.role!)).toEqual(['dynamodb:Scan']);
  });

  it('denies every function role the deletion of a case or event item, and batch or PartiQL writes, whatever else it holds', () => {
    for (const [name, fn] of Object.entries(functions())) {
      const denied = roleStatements(template, fn.role!).filter((s) => s.Effect === 'Deny');
      const deleteDeny = denied.find((s) => actionsOf(s).includes('dynamodb:DeleteItem'));
      expect(deleteDeny, name).toMatchObject({ Resource: arn(stack.caseStore.table), Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } } });
      const batchDeny = denied.find((s) => actionsOf(s).includes('dynamodb:BatchWriteItem'));
      expect(batchDeny, name).toBeDefined();
      expect(actionsOf(batchDeny!), name).toEqual(expect.arrayContaining(['dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate']));
    }
  });
});

describe('S3 Object Lock on the record buckets', () => {
  it('keeps documents, raw mail and digests under Object Lock, with the retention of config/security.json', () => {
    const buckets = [
      { bucket: stack.caseStore.documentsBucket, retention: security.objectLock.documents },
      { bucket: stack.mailbox.inboundBucket, retention: security.objectLock.rawMail },
      { bucket: stack.digestArchive.bucket, retention: security.objectLock.digests },
    ];
    for (const { bucket, retention } of buckets) {
      expect(template.toJSON().Resources[logicalId(bucket)].Properties, bucket.node.path).toMatchObject({
        ObjectLockEnabled: true,
        VersioningConfiguration: { Status: 'Enabled' },
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: retention.mode, Days: retention.days } } },
      });
    }
    expect(security.objectLock.digests.mode).toBe('COMPLIANCE');
  });

  it('writes the digest once a day from a function that may only add digests', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(5 17 * * ? *)',
      Targets: [Match.objectLike({ Arn: arn(stack.digestArchive.digestFunction) })],
    });
    const s3Actions = roleStatements(template, stack.digestArchive.digestFunction.role!).filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    expect(s3Actions).toEqual(['s3:PutObject']);
  });
});

describe('staff sign-in (Cognito)', () => {
  it('is the authorization code flow only, with callback URLs from configuration, 1-hour tokens and revocable refresh tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: security.staffSignIn.callbackUrls,
      LogoutURLs: security.staffSignIn.logoutUrls,
      GenerateSecret: false,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes', AccessToken: 'minutes' }),
      EnableTokenRevocation: true,
    });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0]!.Properties as Record<string, unknown>;
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
    expect(JSON.stringify(client)).not.toContain('example.com');
  });
});

describe('API access logs', () => {
  it('record why API Gateway refused a request and who called', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties as { AccessLogSettings: { Format: string } };
    const fields = JSON.parse(stage.AccessLogSettings.Format) as Record<string, string>;
    expect(fields).toMatchObject({
      authorizerError: '$context.authorizer.error',
      error: '$context.error.message',
      caller: '$context.authorizer.claims.sub',
      sourceIp: '$context.identity.sourceIp',
      userAgent: '$context.identity.userAgent',
    });
  });
});
