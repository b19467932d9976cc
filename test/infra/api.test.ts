import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { actionsOf, arn, logicalId, ref, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

describe('the HTTP API', () => {
  it('routes GET /health to the api function with payload format 2.0', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arn(stack.api.apiFunction),
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /health',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: Match.anyValue() }]] },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arn(stack.api.apiFunction),
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('may invoke the notify function (confirm-sender sends the held acknowledgement through it) and the export job function, not their versions nor any other function', () => {
    const statements = roleStatements(template, stack.api.apiFunction.role!);
    const invocable = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction')).flatMap((s) => s.Resource);
    expect(invocable).toHaveLength(2);
    expect(invocable).toEqual(expect.arrayContaining([arn(stack.notifications.notifyFunction), arn(stack.api.exportJobFunction)]));
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ NOTIFY_FUNCTION_NAME: ref(stack.notifications.notifyFunction) }) },
    });
  });

  it('lets intake invoke the notify function only (it tells the desk through it)', () => {
    const statements = roleStatements(template, stack.intake.intakeFunction.role!);
    const invocable = statements.filter((s) => actionsOf(s).includes('lambda:InvokeFunction')).flatMap((s) => s.Resource);
    expect(invocable).toEqual([arn(stack.notifications.notifyFunction)]);
  });

  it('logs each request as JSON to a retained log group, and throttles', () => {
    const stage = template.toJSON().Resources[logicalId(stack.api.stage)];
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
    });
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
    expect(template.toJSON().Resources[logGroupId]).toMatchObject({ Properties: { RetentionInDays: 365 }, DeletionPolicy: 'Retain' });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
  });

  it('tells the api function where things are', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'api',
          TABLE_NAME: ref(stack.caseStore.table),
          DOCUMENTS_BUCKET: ref(stack.caseStore.documentsBucket),
          STATE_MACHINE_ARN: ref(stack.workflow.stateMachine),
        }),
      },
    });
  });

  it('lets the api read the table, write only what it writes (reassignments, decision PDFs), read documents to sign links, and answer task tokens', () => {
    const statements = roleStatements(template, stack.api.apiFunction.role!);
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 's3:GetObject*', 'states:SendTaskSuccess', 'states:SendTaskFailure']));
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject']));
    expect(actions.filter((a) => /^s3:Delete/.test(a))).toEqual([]);
    expect(actions.filter((a) => /^states:(Stop|Delete|Create|Update)/.test(a))).toEqual([]);
    // it starts executions of the case workflow only, to resume a case (POST /cases/{id}/resume)
    const starts = statements.filter((s) => actionsOf(s).includes('states:StartExecution')).flatMap((s) => [s.Resource].flat());
    expect(starts).toEqual([ref(stack.workflow.stateMachine)]);
    // officers' actions resume waits of the request machine (the visit) and of its human-step children
    const resources = statements.filter((s) => actionsOf(s).includes('states:SendTaskSuccess')).flatMap((s) => [s.Resource].flat());
    expect(resources).toEqual(expect.arrayContaining([ref(stack.workflow.stateMachine), ref(stack.workflow.humanStepMachine)]));
  });

  it("requires a staff ID token (issuer, and an audience of the user pool's clients: the CLI's and the console's) on every route but /health", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [ref(stack.staffDirectory.client), ref(stack.staffConsole.client)], Issuer: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /{proxy+}', AuthorizationType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /health', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'api', AUTH_AUDIENCE: { 'Fn::Join': ['', [ref(stack.staffDirectory.client), ',', ref(stack.staffConsole.client)]] }, AUTH_ISSUER: Match.anyValue(), AUTH_JWKS_URL: Match.anyValue() }) },
    });
  });
});

describe('the staff directory (Cognito)', () => {
  it('has one group per role and nobody signs up alone; MFA is required', () => {
    for (const group of ['officer', 'head', 'auditor', 'admin']) template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Schema: Match.arrayWith([Match.objectLike({ Name: 'office', AttributeDataType: 'String' }), Match.objectLike({ Name: 'scope', AttributeDataType: 'String' })]),
    });
  });

  it('lets the app client read office and scope but never write them (a user cannot grant themselves an office)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ReadAttributes: Match.arrayWith(['custom:office', 'custom:scope']),
      WriteAttributes: Match.not(Match.arrayWith(['custom:office'])),
    });
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0] as { Properties: { WriteAttributes: string[] } };
    expect(client.Properties.WriteAttributes.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});
