import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { ENFORCEMENT_REQUEST_DEFINITION } from '../../infra/constructs/workflow';
import { actionsOf, arn, logicalId, ref, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the enforcement-request workflow', () => {
  it('is a STANDARD state machine from the ASL file, with the function ARNs substituted', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionS3Location: Match.objectLike({ Key: Match.stringLikeRegexp('\\.json$') }),
      DefinitionSubstitutions: {
        WorkflowFunctionArn: arn(stack.workflow.workflowFunction),
        NotifyFunctionArn: arn(stack.notifications.notifyFunction),
      },
    });
  });

  it('fills every placeholder the ASL file uses, and only those', () => {
    const asl = readFileSync(ENFORCEMENT_REQUEST_DEFINITION, 'utf8');
    const placeholders = new Set([...asl.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    const substitutions = template.toJSON().Resources[logicalId(stack.workflow.stateMachine)].Properties.DefinitionSubstitutions;
    expect([...placeholders].sort()).toEqual(Object.keys(substitutions).sort());
  });

  it('logs every event (without citizens\' data) to a retained log group, and traces with X-Ray', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkflowExecutionLogGroup'), 'Arn'] } } }],
      },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });

  it('may invoke the workflow and notify functions, which a file-based definition does not grant by itself', () => {
    const statements = roleStatements(template, stack.workflow.stateMachine.role);
    const invocable = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction')).flatMap((s) => s.Resource);
    expect(invocable).toEqual(expect.arrayContaining([arn(stack.workflow.workflowFunction), arn(stack.notifications.notifyFunction)]));
  });

  it('gives the workflow function the table and nothing else but tracing', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'workflow', TABLE_NAME: ref(stack.caseStore.table) }) },
    });
    const statements = roleStatements(template, stack.workflow.workflowFunction.role!);
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'xray']);
  });
});

describe('notifications (outbound e-mail)', () => {
  it('verifies the agency mail domain with 2048-bit DKIM', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'hcm.thads.example',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
    });
  });

  it('tells notify where things are and which address it sends from', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'notify',
          TABLE_NAME: ref(stack.caseStore.table),
          DOCUMENTS_BUCKET: ref(stack.caseStore.documentsBucket),
          SENDER_ADDRESS: 'motcua@hcm.thads.example',
        }),
      },
    });
  });

  it('lets notify send only through the agency identity and only from the sender address', () => {
    const statements = roleStatements(template, stack.notifications.notifyFunction.role!);
    const sending = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(sending).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendRawEmail'],
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':identity/', ref(stack.notifications.identity)],
          ],
        },
        Condition: { StringEquals: { 'ses:FromAddress': 'motcua@hcm.thads.example' } },
      },
    ]);
  });

  it('lets notify read documents (attachments) but not write them', () => {
    const statements = roleStatements(template, stack.notifications.notifyFunction.role!);
    const s3Actions = statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    expect(s3Actions.sort()).toEqual(['s3:GetBucket*', 's3:GetObject*', 's3:List*']);
  });
});
