import { CfnOutput, CfnResource, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { grantTableUse } from '../table-access';

export interface ApiProps {
  readonly table: dynamodb.ITable;
  readonly documentsBucket: s3.IBucket;
  /** The daily chain digests (Object Lock), which auditors read through GET /digests/latest. */
  readonly digestBucket: s3.IBucket;
  readonly stateMachine: sfn.IStateMachine;
  /** Who may call it: the JWT issuer and the audience (app client) of the staff directory; allowAudience adds others. */
  readonly auth: { issuer: string; audience: string };
}

/**
 * An export or report reading more cases than this is built as a job: at about 1 KB of CSV and a
 * few reads per case, a few thousand cases is where the API's 30 s and 6 MB come near.
 */
export const EXPORT_JOB_THRESHOLD_CASES = 2000;

/** API Gateway's throttle of the citizen's public routes (requests per second, all callers together), below the stage's 50. */
export const PUBLIC_ROUTE_THROTTLE = { rateLimit: 10, burstLimit: 20 };

/**
 * One JSON line per request, with the HTTP API's own context fields (the default format is REST's).
 * A request that API Gateway refuses itself (no token, expired, wrong audience) never reaches the
 * function, so the line says why (`authorizerError`, `error`) and who called (the token's subject
 * and client when it had one, the address and user agent always).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  caller: '$context.authorizer.claims.sub',
  callerClient: '$context.authorizer.claims.aud',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
  errorType: '$context.error.responseType',
  integrationError: '$context.integrationErrorMessage',
};
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS));

/**
 * The staff and auditor HTTP API: one function behind every route. API Gateway checks the Cognito
 * ID token (issuer, audience, expiry) before the function runs, and the function checks it again
 * against the same JWKS, then decides who may do what (shared/auth) — the same code as locally.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly apiFunction: AppFunction;
  /** The same code as the API, with the time and memory a large export or report needs (shared/staff/export-jobs.ts). */
  readonly exportJobFunction: AppFunction;
  /** The app clients whose ID tokens the API takes (checked by API Gateway and again by the function). */
  private readonly audiences: string[];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.audiences = [props.auth.audience];
    const audienceList = Lazy.string({ produce: () => this.audiences.join(',') });

    // One environment for both functions of the API code: the export job function loads the same
    // module, which reads every one of these when it loads (it never calls the workflow or the token issuer).
    const apiCodeEnvironment = {
      TABLE_NAME: props.table.tableName,
      DOCUMENTS_BUCKET: props.documentsBucket.bucketName,
      STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
      AUTH_ISSUER: props.auth.issuer,
      AUTH_JWKS_URL: `${props.auth.issuer}/.well-known/jwks.json`,
      AUTH_AUDIENCE: audienceList,
      DIGEST_BUCKET: props.digestBucket.bucketName,
    };

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      service: 'api',
      description: 'Staff and auditor HTTP API',
      environment: apiCodeEnvironment,
    });
    // Reads cases; writes only reassignments (a case change: whole-item puts in a transaction).
    // Actions on steps go through the workflow's task tokens.
    // Update: the citizen's routes count attempts (a counter per source and window, shared/citizen/rate-limit.ts).
    grantTableUse(props.table, this.apiFunction, 'read', 'put', 'update');
    // Reads the daily chain digests (GET /digests/latest); writes none.
    props.digestBucket.grantRead(this.apiFunction, 'digests/*');
    // Signs short-lived links to attachments and documents, which it must be able to read itself,
    // and keeps the decision PDFs that heads upload.
    props.documentsBucket.grantRead(this.apiFunction);
    props.documentsBucket.grantPut(this.apiFunction);
    // Officers complete human steps (review, appointment, decision) through the API.
    props.stateMachine.grantTaskResponse(this.apiFunction);
    // POST /cases/{id}/resume: reads where the last execution was, and starts the next one.
    props.stateMachine.grantStartExecution(this.apiFunction);
    props.stateMachine.grantExecution(this.apiFunction, 'states:DescribeExecution', 'states:GetExecutionHistory');
    const machineRef = Stack.of(this).resolve((props.stateMachine.node.defaultChild as CfnResource).logicalId) as string;
    acknowledge(
      this.apiFunction,
      'StateMachine.grantExecution: the executions of the case workflow, whose names are only known when they start (<case>, <case>-r<n>).',
      iam5(`Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineRef}"}]}]}:*`),
    );

    // Large exports and reports: an asynchronous invocation of the same code, with Lambda's longest
    // timeout instead of the API's 30 s, writing the file to the documents bucket (exports/<job>/).
    this.exportJobFunction = new AppFunction(this, 'ExportJobFunction', {
      service: 'api',
      description: 'Builds large exports and reports as jobs (the API code, invoked asynchronously)',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: { ...apiCodeEnvironment, EXPORT_JOB_THRESHOLD_CASES: String(EXPORT_JOB_THRESHOLD_CASES) },
    });
    // Reads the cases and their timelines, writes the job record (whole-item puts).
    grantTableUse(props.table, this.exportJobFunction, 'read', 'put');
    props.documentsBucket.grantPut(this.exportJobFunction, 'exports/*');
    // A crash or timeout leaves the job running: Lambda's two retries of the event rebuild it (the same key);
    // a failure the code sees is recorded on the job and not retried.
    this.apiFunction.addEnvironment('EXPORT_JOB_FUNCTION', this.exportJobFunction.functionName);
    this.apiFunction.addEnvironment('EXPORT_JOB_THRESHOLD_CASES', String(EXPORT_JOB_THRESHOLD_CASES));
    // Only the function itself (not its versions and aliases, which grantInvoke would add).
    this.apiFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.exportJobFunction.functionArn] }));
    acknowledge(
      this.exportJobFunction,
      'Index queries (work queue, audit period) to read the cases of a period; the files it writes under exports/ of the documents bucket, with s3:Abort* from Bucket.grantPut to end its own multipart uploads.',
      iam5(`Resource::${nagRef(props.table)}/index/*`),
      iam5(`Resource::${nagRef(props.documentsBucket)}/exports/*`),
      iam5('Action::s3:Abort*'),
    );

    // The default stage is made here rather than by HttpApi so that it has access logs.
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'motcua staff and auditor API',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogGroup', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
      throttle: { rateLimit: 50, burstLimit: 100 },
    });

    const [health] = this.httpApi.addRoutes({
      path: '/health',
      methods: [apigw.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Health', this.apiFunction),
    });
    if (health) {
      acknowledge(health, 'GET /health is a liveness probe that reveals nothing; every other route requires a staff token.', 'AwsSolutions-APIG4');
    }
    // The citizen's status page and survey: no staff token, a private one in a header that the function checks
    // (by its hash), with attempts counted per source and globally in the table. API Gateway throttles the
    // route below the staff API too, so a flood costs little before the function runs.
    const publicRoutes = this.httpApi.addRoutes({
      path: '/public/{proxy+}',
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.POST],
      integration: new HttpLambdaIntegration('Citizen', this.apiFunction),
    });
    for (const route of publicRoutes) {
      acknowledge(route, "The citizen's routes take no staff token: the function checks the private token of the citizen's link and limits attempts per source address and globally.", 'AwsSolutions-APIG4');
    }
    (this.stage.node.defaultChild as apigw.CfnStage).addPropertyOverride('RouteSettings', {
      'GET /public/{proxy+}': { ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit },
      'POST /public/{proxy+}': { ThrottlingRateLimit: PUBLIC_ROUTE_THROTTLE.rateLimit, ThrottlingBurstLimit: PUBLIC_ROUTE_THROTTLE.burstLimit },
    });
    // Every other route (the function's own router answers 404 for unknown paths) needs a valid staff ID token.
    this.httpApi.addRoutes({
      path: '/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Staff', this.apiFunction),
      authorizer: new HttpJwtAuthorizer('StaffToken', props.auth.issuer, { jwtAudience: Lazy.list({ produce: () => this.audiences }) }),
    });

    acknowledge(
      this.apiFunction,
      'Index queries (work queue, audit period); the objects of the documents bucket (<Bucket.Arn>/*) and s3:GetObject*/GetBucket*/List* from Bucket.grantRead, to sign links to them; the digests (digests/*) of the digest bucket.',
      iam5(`Resource::${nagRef(props.table)}/index/*`),
      iam5(`Resource::${nagRef(props.documentsBucket)}/*`),
      iam5(`Resource::${nagRef(props.digestBucket)}/digests/*`),
      iam5('Action::s3:GetObject*'),
      iam5('Action::s3:GetBucket*'),
      iam5('Action::s3:List*'),
      iam5('Action::s3:Abort*'),
    );

    new CfnOutput(this, 'Url', { key: 'ApiUrl', description: 'Base URL of the HTTP API', value: this.stage.url });
  }

  /** Lets the ID tokens of another app client of the same user pool (the staff console's) call the API. */
  allowAudience(clientId: string): void {
    this.audiences.push(clientId);
  }
}
