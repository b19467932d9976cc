import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_RUNTIME, AppFunction } from '../../infra/app-function';
import { DOCUMENT_FONTS } from '../../shared/documents/pdf';
import { logicalId, testApp, SYNTH_TIMEOUT_MS } from './support';

describe('AppFunction, the house Lambda defaults', () => {
  let template: Template;
  let fn: AppFunction;

  beforeAll(() => {
    // Prepare
    const stack = new Stack(testApp(), 'Test');
    fn = new AppFunction(stack, 'Api', { service: 'api', description: 'health', environment: { TABLE_NAME: 'cases' } });
    // Act
    template = Template.fromStack(stack);
  }, SYNTH_TIMEOUT_MS);

  it('runs the newest Node.js runtime that aws-cdk-lib names, on arm64', () => {
    const nodeVersions = lambda.Runtime.ALL.map((r) => /^nodejs(\d+)\.x$/.exec(r.name)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    expect(APP_RUNTIME.name).toBe(`nodejs${Math.max(...nodeVersions)}.x`);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: APP_RUNTIME.name,
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('traces with X-Ray and sets the Powertools environment, without loading source maps at start (no NODE_OPTIONS)', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'api',
          POWERTOOLS_METRICS_NAMESPACE: 'motcua',
          TABLE_NAME: 'cases',
          // A source map read at start costs the cold start its parse; the maps stay beside the code.
          NODE_OPTIONS: Match.absent(),
        },
      },
    });
  });

  it('logs to its own log group, kept for a year and retained with the stack gone', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalId(fn.logGroup) } },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('AppFunction bundling', () => {
  it('bundles the handler locally as ESM with the createRequire banner and a source map', () => {
    // Prepare: bundling on, for one small function only
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bundle-'));
    const app = testApp({ bundling: true, outdir });
    const stack = new Stack(app, 'Bundled');

    // Act
    new AppFunction(stack, 'Api', { service: 'api', description: 'health' });
    app.synth();

    // Assess
    const assetDirs = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    const bundle = assetDirs.map((dir) => path.join(outdir, dir)).find((dir) => existsSync(path.join(dir, 'index.mjs')));
    expect(bundle, `no index.mjs among ${assetDirs.join(', ')}`).toBeDefined();
    const code = readFileSync(path.join(bundle!, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __motcuaCreateRequire } from 'node:module';")).toBe(true);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    expect(existsSync(path.join(bundle!, 'index.mjs.map'))).toBe(true);
    // The workbook library ships as a lazy chunk beside the entry (infra/bundling.ts), with its own map,
    // imported by the reports' own lazy chunk (functions/api/routes.ts loads the reports with the first request for one).
    const chunks = readdirSync(path.join(bundle!, 'chunks'));
    const excel = chunks.find((file) => /^excel-.*\.mjs$/.test(file));
    const reports = chunks.find((file) => /^exports-.*\.mjs$/.test(file));
    expect(excel).toBeDefined();
    expect(reports).toBeDefined();
    expect(code).toContain(`./chunks/${reports}`);
    expect(readFileSync(path.join(bundle!, 'chunks', reports!), 'utf8')).toContain(`./${excel}`);
    expect(existsSync(path.join(bundle!, 'chunks', `${excel}.map`))).toBe(true);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Code: Match.anyValue() });
  });

  it('ships the Vietnamese document fonts next to the bundle of a function that renders PDFs, and says where', () => {
    // Prepare
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bundle-'));
    const app = testApp({ bundling: true, outdir });
    const stack = new Stack(app, 'BundledWithFonts');

    // Act
    new AppFunction(stack, 'Workflow', { service: 'workflow', description: 'renders the receipt slip', documentFonts: true });
    app.synth();

    // Assess
    const bundle = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((dir) => path.join(outdir, dir))
      .find((dir) => existsSync(path.join(dir, 'index.mjs')));
    for (const font of DOCUMENT_FONTS) {
      expect(readFileSync(path.join(bundle!, 'fonts', `${font}.ttf`)).subarray(0, 4).toString('hex'), font).toBe('00010000'); // TrueType magic
    }
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MOTCUA_FONT_DIR: '/var/task/fonts' }) } });
  });
});
