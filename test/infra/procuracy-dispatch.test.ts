import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { actionsOf, arn, deployedDirectory, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the daily dispatch of decisions to the procuracy', () => {
  it('runs every day at 16:30 in Vietnam (09:30 UTC), retried twice when a run fails; the function skips days off', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(30 9 * * ? *)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: arn(stack.procuracyDispatch.dispatchFunction), RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });

  it('may read the decisions and the table, write the case changes and its own items, and send only from the agency sender address', () => {
    const statements = roleStatements(template, stack.procuracyDispatch.dispatchFunction.role!);
    const allowed = statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf).filter((a) => !a.startsWith('xray:'));
    expect(allowed).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 's3:GetObject*', 'ses:SendRawEmail']));
    expect(allowed.filter((a) => a.startsWith('s3:Put'))).toEqual([]);
    const send = statements.find((s) => actionsOf(s).includes('ses:SendRawEmail'))!;
    expect(send.Condition).toEqual({ StringEquals: { 'ses:FromAddress': deployedDirectory().agency.senderAddress } });
    // like every function, it deletes no case item nor event
    expect(statements.find((s) => (s as { Sid?: string }).Sid === 'NoDeletionOfCasesOrEvents')).toMatchObject({ Effect: 'Deny' });
  });

  it('has the time to read and send a day of decisions', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('procuracy'), Timeout: 300 });
  });
});
