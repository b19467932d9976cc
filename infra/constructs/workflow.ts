import { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { fromProjectRoot } from '../paths';

export const ENFORCEMENT_REQUEST_DEFINITION = fromProjectRoot('statemachines', 'enforcement-request.asl.json');

export interface WorkflowProps {
  readonly table: dynamodb.ITable;
  readonly notifyFunction: lambda.IFunction;
  /** The ASL file; tests may point at a copy. @default statemachines/enforcement-request.asl.json */
  readonly definitionPath?: string;
}

/**
 * The enforcement-request workflow: the very ASL file that local/ runs, on Step Functions.
 * A file-based definition grants nothing by itself, and `StateMachine.timeout` does not apply
 * to it (TimeoutSeconds lives in the ASL), so permissions are granted explicitly here.
 */
export class Workflow extends Construct {
  readonly workflowFunction: AppFunction;
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);

    this.workflowFunction = new AppFunction(this, 'WorkflowFunction', {
      service: 'workflow',
      description: 'Runs the case steps of the enforcement-request state machine',
      environment: { TABLE_NAME: props.table.tableName },
    });
    props.table.grantReadWriteData(this.workflowFunction);
    acknowledge(
      this.workflowFunction,
      'Index access (work queue, audit period) from Table.grantReadWriteData.',
      iam5(`Resource::${nagRef(props.table)}/index/*`),
    );

    const logGroup = new logs.LogGroup(this, 'ExecutionLogGroup', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new sfn.StateMachine(this, 'EnforcementRequest', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(props.definitionPath ?? ENFORCEMENT_REQUEST_DEFINITION),
      definitionSubstitutions: {
        WorkflowFunctionArn: this.workflowFunction.functionArn,
        NotifyFunctionArn: props.notifyFunction.functionArn,
      },
      tracingEnabled: true,
      // Execution data holds citizens' names and addresses; the case timeline is the record,
      // so the logs keep the events without the payloads.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    this.workflowFunction.grantInvoke(this.stateMachine);
    props.notifyFunction.grantInvoke(this.stateMachine);

    acknowledge(
      this.stateMachine,
      'Function.grantInvoke also allows the versions and aliases of the two functions (<Arn>:*).',
      iam5(`Resource::${nagRef(this.workflowFunction)}:*`),
      iam5(`Resource::${nagRef(props.notifyFunction)}:*`),
    );
    acknowledge(
      this.stateMachine,
      'CloudWatch Logs delivery (logs:*LogDelivery, resource policies) and X-Ray tracing actions have no resource-level permissions.',
      iam5('Resource::*'),
    );
  }
}
