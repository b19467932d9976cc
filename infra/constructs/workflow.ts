import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AppFunction } from '../app-function';
import { acknowledge, iam5, nagRef } from '../nag';
import { fromProjectRoot } from '../paths';
import { grantTableUse } from '../table-access';

export const ENFORCEMENT_REQUEST_DEFINITION = fromProjectRoot('statemachines', 'enforcement-request.asl.json');
export const HUMAN_STEP_DEFINITION = fromProjectRoot('statemachines', 'human-step.asl.json');

export interface WorkflowProps {
  readonly table: dynamodb.ITable;
  /** Where the workflow keeps the documents it produces (the receipt slip). */
  readonly documentsBucket: s3.IBucket;
  readonly notifyFunction: lambda.IFunction;
  /** The ASL file; tests may point at a copy. @default statemachines/enforcement-request.asl.json */
  readonly definitionPath?: string;
  /** The ASL of one human step held to its deadline. @default statemachines/human-step.asl.json */
  readonly humanStepDefinitionPath?: string;
}

/**
 * The enforcement-request workflow: the very ASL file that local/ runs, on Step Functions.
 * A file-based definition grants nothing by itself, and `StateMachine.timeout` does not apply
 * to it (TimeoutSeconds lives in the ASL), so permissions are granted explicitly here.
 */
/**
 * The reading of attachments (OCR): 2 GB, as OCR peaks at 300–450 MB a page and Lambda's CPU grows with
 * memory (1,769 MB is one vCPU); 360 s, above the Task's 300 s timeout (statemachines/parts/receipt), so a
 * long reading ends as a caught timeout, never as a function timeout, which the workflow would retry.
 */
export const READING_MEMORY_MB = 2048;
export const READING_TIMEOUT = Duration.seconds(360);

export class Workflow extends Construct {
  readonly workflowFunction: AppFunction;
  /** Reads the attachments of a new case (a PDF's text, OCR of scans and photos) before the desk is told. */
  readonly readingFunction: AppFunction;
  readonly stateMachine: sfn.StateMachine;
  /** The child machine that holds one human step (review, decision, hand-over) to its deadline. */
  readonly humanStepMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);

    this.workflowFunction = new AppFunction(this, 'WorkflowFunction', {
      service: 'workflow',
      description: 'Runs the case steps of the enforcement-request state machine',
      environment: { TABLE_NAME: props.table.tableName, DOCUMENTS_BUCKET: props.documentsBucket.bucketName },
      documentFonts: true,
    });
    // Case changes (puts in a transaction), claims and counters (updates), appointment reservations read in
    // batches and released (deletes: never of a case or an event, see denyTimelineDeletion).
    grantTableUse(props.table, this.workflowFunction, 'read', 'batch-read', 'put', 'update', 'delete');
    // It writes the documents it produces (the receipt slip); it never reads or deletes any.
    props.documentsBucket.grantPut(this.workflowFunction);
    acknowledge(
      this.workflowFunction,
      'Bucket.grantPut: the objects of the documents bucket (<Bucket.Arn>/*), and s3:Abort* to end its own multipart uploads.',
      iam5(`Resource::${nagRef(props.documentsBucket)}/*`),
      iam5('Action::s3:Abort*'),
    );
    acknowledge(
      this.workflowFunction,
      'Index reads (work queue, audit period): the indexes are only known by name at deploy time.',
      iam5(`Resource::${nagRef(props.table)}/index/*`),
    );

    this.readingFunction = new AppFunction(this, 'ReadingFunction', {
      service: 'reading',
      description: 'Reads the attachments of a new case (text layer, OCR) as hints for the officer',
      environment: { DOCUMENTS_BUCKET: props.documentsBucket.bucketName },
      memorySize: READING_MEMORY_MB,
      timeout: READING_TIMEOUT,
      ocrAssets: true,
    });
    // It lists and reads the attachments intake stored, and writes the text read beside them; it deletes nothing, and never touches the table.
    props.documentsBucket.grantRead(this.readingFunction, 'cases/*');
    props.documentsBucket.grantPut(this.readingFunction, 'cases/*');
    acknowledge(
      this.readingFunction,
      'Bucket.grantRead/grantPut on the case documents (<Bucket.Arn>/cases/*): the attachments of any case, which the function reads; s3:GetObject*, s3:GetBucket*, s3:List* and s3:Abort* are what the grants give.',
      iam5(`Resource::${nagRef(props.documentsBucket)}/cases/*`),
      iam5('Action::s3:GetObject*'),
      iam5('Action::s3:GetBucket*'),
      iam5('Action::s3:List*'),
      iam5('Action::s3:Abort*'),
    );

    const logGroup = new logs.LogGroup(this, 'ExecutionLogGroup', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const functionArns = { WorkflowFunctionArn: this.workflowFunction.functionArn, NotifyFunctionArn: props.notifyFunction.functionArn };
    // Execution data holds citizens' names and addresses; the case timeline is the record,
    // so the logs keep the events without the payloads.
    const logging = { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false };

    this.humanStepMachine = new sfn.StateMachine(this, 'HumanStep', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(props.humanStepDefinitionPath ?? HUMAN_STEP_DEFINITION),
      definitionSubstitutions: functionArns,
      tracingEnabled: true,
      logs: logging,
    });

    // Named, so that the notify function's role can name it by ARN: its definition names the notify
    // function, and a grant through the machine's own Ref would close a dependency cycle.
    const stateMachineName = `${Stack.of(this).stackName}-EnforcementRequest`;
    this.stateMachine = new sfn.StateMachine(this, 'EnforcementRequest', {
      stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(props.definitionPath ?? ENFORCEMENT_REQUEST_DEFINITION),
      definitionSubstitutions: { ...functionArns, ReadingFunctionArn: this.readingFunction.functionArn, HumanStepStateMachineArn: this.humanStepMachine.stateMachineArn },
      tracingEnabled: true,
      logs: logging,
    });

    // states:startExecution.sync:2 starts the child, follows it (Describe/Stop) and learns of its
    // end through the managed EventBridge rule that Step Functions creates for .sync integrations.
    this.humanStepMachine.grantStartExecution(this.stateMachine);
    this.humanStepMachine.grantExecution(this.stateMachine, 'states:DescribeExecution', 'states:StopExecution');
    const humanStepRef = Stack.of(this).resolve((this.humanStepMachine.node.defaultChild as sfn.CfnStateMachine).logicalId) as string;
    acknowledge(
      this.stateMachine,
      'StateMachine.grantExecution: the executions of the human-step machine, whose names are only known when they start (<case>-<step>).',
      iam5(`Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${humanStepRef}"}]}]}:*`),
    );
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule' })],
      }),
    );
    this.workflowFunction.grantInvoke(this.humanStepMachine);
    props.notifyFunction.grantInvoke(this.humanStepMachine);
    acknowledge(
      this.humanStepMachine,
      'Function.grantInvoke also allows the versions and aliases of the two functions (<Arn>:*).',
      iam5(`Resource::${nagRef(this.workflowFunction)}:*`),
      iam5(`Resource::${nagRef(props.notifyFunction)}:*`),
    );
    acknowledge(
      this.humanStepMachine,
      'CloudWatch Logs delivery (logs:*LogDelivery, resource policies) and X-Ray tracing actions have no resource-level permissions.',
      iam5('Resource::*'),
    );

    this.workflowFunction.grantInvoke(this.stateMachine);
    props.notifyFunction.grantInvoke(this.stateMachine);
    this.readingFunction.grantInvoke(this.stateMachine);

    // Nothing ends silently: the end of an execution that did not close its case goes to notify,
    // which marks the case "needs attention" and tells the head, or continues an execution that
    // timed out (shared/workflow/attention.ts). EventBridge retries a failed delivery for a day.
    new events.Rule(this, 'ExecutionEnded', {
      description: 'An execution of the case workflow ended without closing its case',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [this.stateMachine.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      targets: [new targets.LambdaFunction(props.notifyFunction, { retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    const stack = Stack.of(this);
    props.notifyFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    props.notifyFunction.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
        resources: [stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    acknowledge(
      props.notifyFunction,
      'The executions of the case workflow, to continue one that timed out: their names are only known when they start (<case>, <case>-r<n>).',
      iam5(`Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${stateMachineName}:*`),
    );

    acknowledge(
      this.stateMachine,
      'Function.grantInvoke also allows the versions and aliases of the three functions (<Arn>:*).',
      iam5(`Resource::${nagRef(this.workflowFunction)}:*`),
      iam5(`Resource::${nagRef(props.notifyFunction)}:*`),
      iam5(`Resource::${nagRef(this.readingFunction)}:*`),
    );
    acknowledge(
      this.stateMachine,
      'CloudWatch Logs delivery (logs:*LogDelivery, resource policies) and X-Ray tracing actions have no resource-level permissions.',
      iam5('Resource::*'),
    );
  }
}
