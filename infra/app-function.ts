import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, iam5, LAMBDA_BASIC_EXECUTION_ROLE } from './nag';
import { fromProjectRoot, projectRoot } from './paths';
import { DOCUMENT_FONTS, FONT_DIR_ENV } from '../shared/documents/pdf';

/** The newest Node.js runtime aws-cdk-lib knows by name (pinned, unlike NODEJS_LATEST, so deploys are repeatable). */
export const APP_RUNTIME = lambda.Runtime.NODEJS_24_X;
const ESBUILD_TARGET = 'node24';

/** Powertools metrics land in one namespace; the service name tells the functions apart. */
export const METRICS_NAMESPACE = 'motcua';

/** ESM bundles have no `require`; some CommonJS dependencies still call it. */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __motcuaCreateRequire } from 'node:module'; const require = __motcuaCreateRequire(import.meta.url);";

export interface AppFunctionProps {
  /** The folder under functions/ holding handler.ts; also the Powertools service name. */
  readonly service: string;
  readonly description: string;
  /** Names of the resources the handler uses, from the environment contract of its folder. */
  readonly environment?: Record<string, string>;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** @default 512 MB: arm64 CPU scales with memory, and MIME parsing is CPU-bound */
  readonly memorySize?: number;
  /** The function renders PDF documents: ship the Vietnamese fonts with the bundle. */
  readonly documentFonts?: boolean;
}

/** Where the bundle carries the document fonts (see shared/documents/pdf.ts). */
const FONT_FOLDER = 'fonts';

/**
 * A Lambda function with the house defaults: arm64, the newest Node.js runtime, ESM bundled
 * locally by esbuild with source maps, active X-Ray tracing, a retained log group with a
 * retention period, and the Powertools environment.
 */
/** Copies the TrueType files of DOCUMENT_FONTS next to the bundle: PDFs embed them for Vietnamese letters. */
const copyDocumentFonts = {
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir: string, outputDir: string) => [
    `mkdir -p "${outputDir}/${FONT_FOLDER}"`,
    ...DOCUMENT_FONTS.map((font) => `cp "${fromProjectRoot('node_modules', 'dejavu-fonts-ttf', 'ttf', `${font}.ttf`)}" "${outputDir}/${FONT_FOLDER}/${font}.ttf"`),
  ],
};

export class AppFunction extends NodejsFunction {
  readonly service: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    // Created before the function so it can be passed in: Lambda would otherwise create a
    // log group that never expires and that CloudFormation does not own.
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    super(scope, id, {
      entry: fromProjectRoot('functions', props.service, 'handler.ts'),
      handler: 'handler',
      // Explicit, so that synth does not depend on the directory it is started from.
      projectRoot,
      depsLockFilePath: fromProjectRoot('package-lock.json'),
      description: props.description,
      runtime: APP_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(props.documentFonts ? { [FONT_DIR_ENV]: `/var/task/${FONT_FOLDER}` } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        banner: CREATE_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Vietnamese text in templates stays readable in the bundle instead of \u escapes.
        charset: Charset.UTF8,
        // Bundle with the local esbuild; this project has no Docker.
        forceDockerBundling: false,
        ...(props.documentFonts ? { commandHooks: copyDocumentFonts } : {}),
      },
    });
    this.service = props.service;

    acknowledge(
      this,
      'AWSLambdaBasicExecutionRole only lets the function write its own logs; the function logs to a log group that CloudFormation owns.',
      LAMBDA_BASIC_EXECUTION_ROLE,
    );
    acknowledge(
      this,
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource-level permissions (test/infra asserts that X-Ray is the only unscoped statement).',
      iam5('Resource::*'),
    );
  }
}
