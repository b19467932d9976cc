import { readFileSync } from 'node:fs';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { MotcuaStack, type MotcuaStackProps } from '../../infra/motcua-stack';
import { fromProjectRoot } from '../../infra/paths';
import { parseOfficeDirectory, type OfficeDirectory } from '../../shared/offices/directory';

/** The feature flags of cdk.json: the CLI passes them to the app, a test must do it itself. */
const cdkJsonContext = (JSON.parse(readFileSync(fromProjectRoot('cdk.json'), 'utf8')) as { context: Record<string, unknown> })
  .context;

export interface TestAppOptions {
  /** Run esbuild for each function (slow); assertion tests skip it. */
  readonly bundling?: boolean;
  /** CDK's built-in CloudFormation validation (about 2 s to start); the compliance test keeps it. */
  readonly cloudFormationValidation?: boolean;
  readonly outdir?: string;
}

/** An app as `cdk synth` builds it, minus what a test of template properties does not need. */
export function testApp({ bundling = false, cloudFormationValidation = false, outdir }: TestAppOptions = {}): App {
  return new App({
    outdir,
    builtinCloudFormationValidation: cloudFormationValidation,
    context: { ...cdkJsonContext, ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
}

/** Long enough for a first synth on a very busy machine (one took 105 s beside six other test runs); the bound only names a hang. */
export const SYNTH_TIMEOUT_MS = 300_000;

export const deployedDirectory = (): OfficeDirectory =>
  parseOfficeDirectory(JSON.parse(readFileSync(fromProjectRoot('config/offices.json'), 'utf8')), 'config/offices.json');

/** A stand-in for the built console (web/dist): infra tests never need a browser build. */
export const CONSOLE_PLACEHOLDER = fromProjectRoot('test', 'infra', 'fixtures', 'console');

/** A stand-in for the built public desk site (site/dist). */
export const DESK_SITE_PLACEHOLDER = fromProjectRoot('test', 'infra', 'fixtures', 'desk-site');

export function synthesizeMotcua(props: Partial<MotcuaStackProps> = {}, app = testApp()) {
  const stack = new MotcuaStack(app, 'Motcua', { directory: deployedDirectory(), consoleSite: CONSOLE_PLACEHOLDER, deskSite: DESK_SITE_PLACEHOLDER, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id of a construct's CloudFormation resource, for `Ref`/`GetAtt` matching. */
export function logicalId(construct: IConstruct): string {
  const element = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(element instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(element).resolve(element.logicalId) as string;
}

export const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
export const arn = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

/** The statements of the default policy of a role, e.g. a function's execution role. */
export function roleStatements(template: Template, role: IConstruct): PolicyStatement[] {
  const roleId = logicalId(role);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    (policy.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
  );
  return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as PolicyStatement[]);
}

export const actionsOf = (statement: PolicyStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/**
 * Flattens a CloudFormation string (`Fn::Join` of literals and `Ref`/`GetAtt`) into text with
 * `<LogicalId>` / `<LogicalId.Attr>` in place of references, so JSON built by CDK can be parsed.
 */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Ref' in v) return `<${String(v.Ref)}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(flatten).join(separator);
    }
  }
  return JSON.stringify(value);
}
