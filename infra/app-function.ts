import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, iam5, LAMBDA_BASIC_EXECUTION_ROLE } from './nag';
import { fromProjectRoot } from './paths';
import { FONT_DIR_ENV } from '../shared/documents/pdf';
import { bundleLambda, FONT_FOLDER, OCR_FOLDER, PDF_WASM_FOLDER } from './bundling';
import { OCR_DIR_ENV } from '../shared/reading/ocr';
import { PDF_WASM_DIR_ENV } from '../shared/reading/pdf-pages';

/** The newest Node.js runtime aws-cdk-lib knows by name (pinned, unlike NODEJS_LATEST, so deploys are repeatable). */
export const APP_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Powertools metrics land in one namespace; the service name tells the functions apart. */
export const METRICS_NAMESPACE = 'motcua';

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
  /** The function renders PDF documents: ship the Vietnamese fonts beside the bundle (not in it). */
  readonly documentFonts?: boolean;
  /** The function reads attachments: ship the OCR worker, its cores, the Vietnamese model and pdf.js's decoders beside the bundle. */
  readonly ocrAssets?: boolean;
}

/**
 * The function's code: bundled locally by esbuild with the options of infra/bundling.ts (the ones the
 * size budget test and the bench measure), at synth. The asset is hashed by its output, so that a change
 * in shared/ or in a dependency deploys new code; the source folder only stands in when a stack is
 * synthesized without bundling (assertion tests).
 */
function bundledCode(props: AppFunctionProps): lambda.Code {
  return lambda.Code.fromAsset(fromProjectRoot('functions', props.service), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws (this project has no Docker).
      image: DockerImage.fromRegistry('unused-local-bundling-only'),
      local: {
        tryBundle(outputDir) {
          bundleLambda(props.service, outputDir, { documentFonts: props.documentFonts, ocrAssets: props.ocrAssets });
          return true;
        },
      },
    },
  });
}

/**
 * A Lambda function with the house defaults: arm64, the newest Node.js runtime, an ESM bundle with its
 * source map beside it (not loaded at start), active X-Ray tracing, a retained log group with a
 * retention period, and the Powertools environment.
 */
export class AppFunction extends lambda.Function {
  readonly service: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    // Created before the function so it can be passed in: Lambda would otherwise create a
    // log group that never expires and that CloudFormation does not own.
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    super(scope, id, {
      code: bundledCode(props),
      handler: 'index.handler', // index.mjs, BUNDLE_ENTRY_FILE of infra/bundling.ts
      description: props.description,
      runtime: APP_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...(props.documentFonts ? { [FONT_DIR_ENV]: `/var/task/${FONT_FOLDER}` } : {}),
        ...(props.ocrAssets ? { [OCR_DIR_ENV]: `/var/task/${OCR_FOLDER}`, [PDF_WASM_DIR_ENV]: `/var/task/${PDF_WASM_FOLDER}` } : {}),
        ...props.environment,
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
