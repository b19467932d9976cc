import { CfnResource, Stack, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Runs the AWS Solutions rules on every synth; an unacknowledged finding fails the synth. */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/**
 * Acknowledges cdk-nag findings on a construct and everything under it. cdk-nag 3 matches ids
 * exactly, so a wildcard finding is named in full: `AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ids: string[]): void {
  Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason })));
}

/**
 * How cdk-nag spells `Fn::GetAtt` of a construct's resource in a finding: `<LogicalId.Arn>`.
 * Computed, not copied from a report, so the acknowledgement follows a renamed construct.
 */
export function nagRef(construct: IConstruct, attribute = 'Arn'): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) {
    throw new Error(`${construct.node.path} has no CloudFormation resource to reference`);
  }
  return `<${Stack.of(resource).resolve(resource.logicalId) as string}.${attribute}>`;
}

/** The IAM5 id for a wildcard resource of a managed policy or a grant. */
export const iam5 = (finding: string): string => `AwsSolutions-IAM5[${finding}]`;

/** The IAM4 id for the AWS-managed policy that gives a Lambda function its CloudWatch Logs access. */
export const LAMBDA_BASIC_EXECUTION_ROLE =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
