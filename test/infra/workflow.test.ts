import { readFileSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { ENFORCEMENT_REQUEST_DEFINITION, HUMAN_STEP_DEFINITION, READING_MEMORY_MB, READING_TIMEOUT } from '../../infra/constructs/workflow';
import { actionsOf, arn, logicalId, ref, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the enforcement-request workflow', () => {
  it('is two STANDARD state machines from the ASL files: the request, and the human step it runs as a child', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionS3Location: Match.objectLike({ Key: Match.stringLikeRegexp('\\.json$') }),
      DefinitionSubstitutions: {
        WorkflowFunctionArn: arn(stack.workflow.workflowFunction),
        NotifyFunctionArn: arn(stack.notifications.notifyFunction),
        HumanStepStateMachineArn: ref(stack.workflow.humanStepMachine),
      },
    });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      DefinitionSubstitutions: { WorkflowFunctionArn: arn(stack.workflow.workflowFunction), NotifyFunctionArn: arn(stack.notifications.notifyFunction) },
    });
  });

  it.each([
    ['enforcement-request', ENFORCEMENT_REQUEST_DEFINITION, () => stack.workflow.stateMachine],
    ['human-step', HUMAN_STEP_DEFINITION, () => stack.workflow.humanStepMachine],
  ])('fills every placeholder the %s ASL file uses, and only those', (_name, file, machine) => {
    const asl = readFileSync(file, 'utf8');
    const placeholders = new Set([...asl.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    const substitutions = template.toJSON().Resources[logicalId(machine())].Properties.DefinitionSubstitutions;
    expect([...placeholders].sort()).toEqual(Object.keys(substitutions).sort());
  });

  it('lets the request machine start and follow its human-step children, and nothing else of Step Functions', () => {
    const statements = roleStatements(template, stack.workflow.stateMachine.role);
    const start = statements.find((s) => actionsOf(s).includes('states:StartExecution'))!;
    expect(start.Resource).toEqual(ref(stack.workflow.humanStepMachine));
    const follow = statements.find((s) => actionsOf(s).includes('states:DescribeExecution'))!;
    expect(actionsOf(follow).sort()).toEqual(['states:DescribeExecution', 'states:StopExecution']);
    const events = statements.find((s) => actionsOf(s).includes('events:PutRule'))!;
    expect(JSON.stringify(events.Resource)).toContain('rule/StepFunctionsGetEventsForStepFunctionsExecutionRule');
  });

  it('sends the end of every execution that did not close its case (failed, timed out, aborted) to notify, which may continue it', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [ref(stack.workflow.stateMachine)], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      Targets: [Match.objectLike({ Arn: arn(stack.notifications.notifyFunction), RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185 } })],
    });
    const statements = roleStatements(template, stack.notifications.notifyFunction.role!);
    const start = statements.find((s) => actionsOf(s).includes('states:StartExecution'))!;
    expect(JSON.stringify(start.Resource)).toContain(':stateMachine:Motcua-EnforcementRequest');
    const read = statements.find((s) => actionsOf(s).includes('states:GetExecutionHistory'))!;
    expect(actionsOf(read).sort()).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
    expect(JSON.stringify(read.Resource)).toContain(':execution:Motcua-EnforcementRequest:*');
  });

  it("lets intake answer the request machine's task tokens (a requester's reply resumes a wait)", () => {
    const statements = roleStatements(template, stack.intake.intakeFunction.role!);
    const taskResponse = statements.find((s) => actionsOf(s).includes('states:SendTaskSuccess'))!;
    expect(taskResponse.Resource).toEqual(ref(stack.workflow.stateMachine));
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

  it('gives the workflow function the table, and the documents bucket to write the documents it produces, and the fonts they need', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'workflow',
          TABLE_NAME: ref(stack.caseStore.table),
          DOCUMENTS_BUCKET: ref(stack.caseStore.documentsBucket),
          MOTCUA_FONT_DIR: '/var/task/fonts',
        }),
      },
    });
    const statements = roleStatements(template, stack.workflow.workflowFunction.role!);
    const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 's3', 'xray']);
    const s3Actions = statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    expect(s3Actions.filter((a) => /^s3:(Get|Delete|List)/.test(a))).toEqual([]);
  });
});

describe('the reading function (issue 13)', () => {
  const readingTask = () => JSON.parse(readFileSync(ENFORCEMENT_REQUEST_DEFINITION, 'utf8')).States['Read the attachments'];

  it('has the memory OCR needs (2 GB: a page peaks at 300–450 MB, and a vCPU comes with 1,769 MB) and outlives its Task', () => {
    const fn = template.toJSON().Resources[logicalId(stack.workflow.readingFunction)].Properties;
    expect(fn.MemorySize).toBe(READING_MEMORY_MB);
    expect(READING_MEMORY_MB).toBeGreaterThanOrEqual(1769);
    expect(fn.Timeout).toBe(READING_TIMEOUT.toSeconds());
    // The Task gives up first, and its timeout is caught ("could not read"): a function timeout would be retried.
    expect(readingTask().TimeoutSeconds).toBeLessThan(READING_TIMEOUT.toSeconds());
    expect(readingTask().Catch.flatMap((c: { ErrorEquals: string[] }) => c.ErrorEquals)).toEqual(expect.arrayContaining(['States.Timeout', 'States.TaskFailed']));
    expect(fn.Environment.Variables).toMatchObject({ MOTCUA_OCR_DIR: '/var/task/ocr', MOTCUA_PDF_WASM_DIR: '/var/task/pdfjs-wasm' });
  });

  it('is the machine\'s first Task, invoked by it, and reads and writes only the case documents, never the table', () => {
    const substitutions = template.toJSON().Resources[logicalId(stack.workflow.stateMachine)].Properties.DefinitionSubstitutions;
    expect(substitutions.ReadingFunctionArn).toEqual(arn(stack.workflow.readingFunction));
    const statements = roleStatements(template, stack.workflow.readingFunction.role!);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    for (const statement of statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')))) expect(JSON.stringify(statement.Resource)).toContain('/cases/*');
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
          MOTCUA_FONT_DIR: '/var/task/fonts',
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

  it('lets notify read documents (attachments), write only under cases/ (the receipt slip of the visit it records, letters for the post), and delete none', () => {
    const statements = roleStatements(template, stack.notifications.notifyFunction.role!);
    const s3Actions = statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'));
    expect(s3Actions.filter((a) => !a.startsWith('s3:PutObject')).sort()).toEqual(['s3:Abort*', 's3:GetBucket*', 's3:GetObject*', 's3:List*']);
    expect(s3Actions.filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    const writes = statements.filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(writes.length).toBeGreaterThan(0);
    for (const statement of writes) expect(JSON.stringify(statement.Resource)).toContain('/cases/*');
  });
});
