import { CfnOutput, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';

export interface ApiProps {
  readonly table: dynamodb.ITable;
  readonly documentsBucket: s3.IBucket;
  readonly stateMachine: sfn.IStateMachine;
}

/** One JSON line per request, with the HTTP API's own context fields (the default format is REST's). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** The staff and auditor HTTP API. For the walking skeleton it serves GET /health only. */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly apiFunction: AppFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      service: 'api',
      description: 'Staff and auditor HTTP API',
      environment: {
        TABLE_NAME: props.table.tableName,
        DOCUMENTS_BUCKET: props.documentsBucket.bucketName,
        STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
      },
    });
    props.table.grantReadData(this.apiFunction);
    // Officers complete human steps (review, appointment, decision) through the API.
    props.stateMachine.grantTaskResponse(this.apiFunction);

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
      acknowledge(
        health,
        'GET /health is a liveness probe that reveals nothing; the case routes arrive with the Cognito authorizer.',
        'AwsSolutions-APIG4',
      );
    }

    acknowledge(
      this.apiFunction,
      'Index queries (work queue, audit period) from Table.grantReadData.',
      iam5(`Resource::${nagRef(props.table)}/index/*`),
    );

    new CfnOutput(this, 'Url', { key: 'ApiUrl', description: 'Base URL of the HTTP API', value: this.stage.url });
  }
}
