import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotcuaStack } from '../../infra/motcua-stack';
import { EXPORT_JOB_THRESHOLD_CASES } from '../../infra/constructs/api';
import { actionsOf, arn, flatten, logicalId, roleStatements, synthesizeMotcua, SYNTH_TIMEOUT_MS } from './support';

let stack: MotcuaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizeMotcua());
}, SYNTH_TIMEOUT_MS);

const functionProps = (fn: Parameters<typeof logicalId>[0]) => template.toJSON().Resources[logicalId(fn)].Properties;

describe('export jobs', () => {
  it('runs the API code with a fifteen-minute timeout, and the API knows it and the threshold', () => {
    const job = functionProps(stack.api.exportJobFunction);
    expect(job.Timeout).toBe(900);
    expect(job.Environment.Variables.EXPORT_JOB_THRESHOLD_CASES).toBe(String(EXPORT_JOB_THRESHOLD_CASES));
    const api = functionProps(stack.api.apiFunction);
    expect(api.Environment.Variables.EXPORT_JOB_FUNCTION).toEqual({ Ref: logicalId(stack.api.exportJobFunction) });
    expect(api.Environment.Variables.EXPORT_JOB_THRESHOLD_CASES).toBe(String(EXPORT_JOB_THRESHOLD_CASES));
  });

  it('lets the API invoke the job function itself (not its versions) with nothing but InvokeFunction', () => {
    const invokes = roleStatements(template, stack.api.apiFunction.role!).filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect(invokes.flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]))).toContainEqual(arn(stack.api.exportJobFunction));
    expect(invokes.every((s) => s.Effect === 'Allow')).toBe(true);
    // The other function it may invoke is notify (test/infra/api.test.ts); no statement grants more than InvokeFunction.
    expect(invokes.flatMap(actionsOf).every((a) => a === 'lambda:InvokeFunction')).toBe(true);
  });

  it('grants the job function the table reads and puts, writes under exports/ only, and no workflow or digest access', () => {
    const statements = roleStatements(template, stack.api.exportJobFunction.role!);
    const actions = statements.flatMap(actionsOf);
    expect(actions.some((a) => a.startsWith('states:'))).toBe(false);
    expect(actions.some((a) => a.startsWith('lambda:'))).toBe(false);
    const s3Resources = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:'))).flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource])).map(flatten);
    expect(s3Resources).toEqual([`<${logicalId(stack.caseStore.documentsBucket)}.Arn>/exports/*`]);
  });
});
