import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack, Validations, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MotcuaStack } from '../../infra/motcua-stack';
import { addComplianceChecks } from '../../infra/nag';
import { actionsOf, CONSOLE_PLACEHOLDER, DESK_SITE_PLACEHOLDER, deployedDirectory, testApp, type PolicyStatement, SYNTH_TIMEOUT_MS } from './support';

describe('cdk-nag (AWS Solutions rules)', () => {
  let app: App;

  beforeAll(() => {
    // Prepare: the app as infra/app.ts builds it, CloudFormation validation included
    app = testApp({ cloudFormationValidation: true });
    new MotcuaStack(app, 'Motcua', { directory: deployedDirectory(), alarmEmail: 'ops@hcm.thads.example', consoleSite: CONSOLE_PLACEHOLDER, deskSite: DESK_SITE_PLACEHOLDER });
    addComplianceChecks(app);
  }, SYNTH_TIMEOUT_MS);

  it('finds no unacknowledged error or warning, so the synth goes through', () => {
    // Act
    const assembly = app.synth();
    const findings = new AwsSolutionsChecks().validateScope(app).violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );

    // Assess
    expect(findings).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8')) as {
      pluginReports: unknown[];
    };
    expect(report.pluginReports).toEqual([]);
  }, SYNTH_TIMEOUT_MS); // app.synth() with CloudFormation validation and every nag rule: as slow as the first synth

  it('acknowledges nothing that is not found (no stale acknowledgement)', () => {
    // Prepare: the same app, with every acknowledgement recorded instead of applied
    const acknowledged = new Set<string>();
    const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation((...rules) => {
      for (const rule of rules) acknowledged.add(rule.id);
    });
    try {
      const bare = testApp();
      new MotcuaStack(bare, 'Motcua', { directory: deployedDirectory(), alarmEmail: 'ops@hcm.thads.example', consoleSite: CONSOLE_PLACEHOLDER, deskSite: DESK_SITE_PLACEHOLDER });
      bare.synth();

      // Act
      const found = new Set(new AwsSolutionsChecks().validateScope(bare).violations.map((v) => v.ruleName));

      // Assess
      expect([...acknowledged].filter((id) => !found.has(id))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('fails the synth on a finding (the checks are wired, not decorative)', () => {
    // Prepare: a bucket with none of the house hygiene
    const careless = testApp();
    new s3.Bucket(new Stack(careless, 'Careless'), 'Bucket');
    addComplianceChecks(careless);

    // Act / Assess
    expect(() => careless.synth()).toThrow(/AwsSolutions-S10/);
  });
});

describe('least privilege', () => {
  let template: Template;

  beforeAll(() => {
    const app = testApp();
    template = Template.fromStack(new MotcuaStack(app, 'Motcua', { directory: deployedDirectory(), consoleSite: CONSOLE_PLACEHOLDER, deskSite: DESK_SITE_PLACEHOLDER }));
  }, SYNTH_TIMEOUT_MS);

  const statements = (): PolicyStatement[] =>
    Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as PolicyStatement[],
    );

  it('grants "Resource: *" only for actions that have no resource-level permissions', () => {
    const unscoped = new Set(
      statements()
        .filter((s) => s.Effect === 'Allow' && (s.Resource === '*' || (Array.isArray(s.Resource) && s.Resource.includes('*'))))
        .flatMap(actionsOf),
    );
    const withoutResourceLevelPermissions = [
      /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/,
      /^logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$/,
      /^ses:SetActiveReceiptRuleSet$/,
    ];
    expect([...unscoped].filter((action) => !withoutResourceLevelPermissions.some((re) => re.test(action)))).toEqual([]);
  });

  it('never grants a whole service', () => {
    const wholeServices = statements()
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((action) => action === '*' || action.endsWith(':*'));
    expect(wholeServices).toEqual([]);
  });
});
