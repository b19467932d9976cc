import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse } from 'aws-lambda';
import type { OfficeDirectory } from '../shared/offices/directory';
import { officeDirectory as deployedDirectory } from '../shared/offices/default-directory';
import { startDynamoDb, localDynamoDbClientConfig } from './services/dynamodb';
import { startS3, localS3ClientConfig } from './services/s3';
import { startSesOutbox } from './services/ses-outbox';
import { startInboundMailbox } from './services/inbound-mailbox';
import { acquireInstanceLock, type InstanceLock } from './services/single-instance';
import { ensureTable } from './services/table';
import { assertPortFree } from './services/ports';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './services/aws-local';
import type { RunningService } from './services/running-service';
import { FunctionRegistry, InProcessFunction } from './lambda/in-process-function';
import { workerThreadHandler } from './lambda/worker-thread-handler';
import { LocalClock } from './clock';
import { LocalQueue } from './local-queue';
import { LocalStepFunctions } from './stepfunctions/local-step-functions';
import { ExecutionStore } from './stepfunctions/execution-store';
import { loadDefinition } from './stepfunctions/local-definition';
import { serveStepFunctionsApi } from './stepfunctions/sfn-endpoint';
import { executionStatusChange } from './stepfunctions/status-change-event';
import { DynamoDbFaults, LocalFaults } from './faults';
import { serveApi } from './api-server';
import { WEB_DIST } from './console/build-console';
import { DESK_SITE_DIST, DESK_SITE_PATH } from './desk-site/desk-site';
import { PORT_VARIABLES, type LocalConfig } from './local-config';
import { CAPACITY } from '../infra/capacity';
import { ensureLocalSigningKey, LOCAL_AUDIENCE, LOCAL_ISSUER, LOCAL_JWKS_PATH } from './auth/local-keys';

/** Intake batches at once on one machine (see the queue below). */
const LOCAL_INTAKE_CONCURRENCY = 4;
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const ACCOUNT = '000000000000';
/** Backoff of the EventBridge stand-in's retries: doubling from one second, at most a minute apart. */
const EVENT_RETRY_FIRST_DELAY_MS = 1_000;
const EVENT_RETRY_MAX_DELAY_MS = 60_000;

/** The names the CDK stack gives as environment; here they are fixed. */
export const LOCAL_NAMES = { table: 'motcua', inboundBucket: 'motcua-inbound', documentsBucket: 'motcua-documents', digestBucket: 'motcua-digests', stateMachine: 'EnforcementRequest', humanStepMachine: 'HumanStep' };

export interface LocalStack {
  /** The resources' names; the table's is the options' tableName when given. */
  names: typeof LOCAL_NAMES;
  urls: { smtp: string; sesOutbox: string; api: string; dynamodb: string; s3: string; sfn: string; console: string; deskSite: string };
  clock: LocalClock;
  queue: LocalQueue;
  engine: LocalStepFunctions;
  stateMachineArn: string;
  functions: FunctionRegistry;
  /** Failures to inject into the functions (tests and evaluation only). */
  faults: LocalFaults;
  /** DynamoDB errors to inject into the functions' case writes; only when started with `dynamoDbFaults`. */
  dynamoDbFaults?: DynamoDbFaults;
  /** The DynamoDB Local JVM's process id, when the stack started it (the bench counts its CPU time beside this process's). */
  dynamoDbPid?: number;
  /** Ends of executions (EventBridge events) not yet delivered to notify, retries included. */
  eventsInDelivery(): number;
  /** Resolves when no inbound message waits to be taken in (queued, in intake, or to be retried). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalStackOptions extends LocalConfig {
  directory?: OfficeDirectory;
  log?: (line: string) => void;
  /** Only one stack per data folder; tests that use a fresh folder may skip the lock. */
  lock?: boolean;
  /** The built staff console to serve on the API's origin (default web/dist; see local/console). */
  consoleDist?: string;
  /** The built public desk site to serve under /cong-khai/ (default site/dist; see local/desk-site). */
  deskSiteDist?: string;
  /** Puts a proxy between the functions and DynamoDB Local that can cancel case writes (tests and evaluation only). */
  dynamoDbFaults?: boolean;
  /**
   * A DynamoDB Local already running (the tests': one per vitest worker, test/support/shared-dynamodb.ts) to use instead
   * of starting one on ports.dynamodb; it outlives the stack.
   */
  dynamoDbUrl?: string;
  /** Flags for the DynamoDB Local JVM the stack starts, e.g. SHORT_LIVED_JVM_OPTIONS for a stack that lives a minute (the burst benches). */
  dynamoDbJvmOptions?: readonly string[];
}

/** Starts the whole system on one machine: emulators for AWS, and the same handlers and ASL as on AWS. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { host, ports, dataDir } = options;
  const directory = options.directory ?? deployedDirectory;
  const log = options.log ?? (() => undefined);
  const lock: InstanceLock | undefined = options.lock === false ? undefined : acquireInstanceLock(dataDir);
  const stoppers: Array<() => Promise<void> | void> = [() => lock?.release()];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`while stopping: ${(error as Error).message}`);
      }
    }
  };
  try {
    for (const [service, [envVar]] of Object.entries(PORT_VARIABLES)) {
      if (service === 'dynamodb' && options.dynamoDbUrl) continue;
      await assertPortFree({ port: ports[service as keyof typeof ports], host, envVar, service });
    }
    const names = { ...LOCAL_NAMES, table: options.tableName ?? LOCAL_NAMES.table };
    const sharedDynamoDb: RunningService | undefined = options.dynamoDbUrl ? { name: 'dynamodb', url: options.dynamoDbUrl, stop: async () => undefined } : undefined;
    const started = await Promise.all([
      sharedDynamoDb ?? startDynamoDb({ port: ports.dynamodb, dataDir: join(dataDir, 'dynamodb'), portEnvVar: PORT_VARIABLES.dynamodb[0], ...(options.dynamoDbJvmOptions ? { jvmOptions: options.dynamoDbJvmOptions } : {}) }),
      startS3({ port: ports.s3, dataDir: join(dataDir, 's3'), buckets: [LOCAL_NAMES.inboundBucket, LOCAL_NAMES.documentsBucket, LOCAL_NAMES.digestBucket], corsBuckets: [LOCAL_NAMES.documentsBucket], portEnvVar: PORT_VARIABLES.s3[0] }),
      startSesOutbox({ port: ports.ses, portEnvVar: PORT_VARIABLES.ses[0] }),
    ]);
    stoppers.push(...started.map((s: RunningService) => () => s.stop()));
    const [dynamodb, s3, ses] = started as [RunningService, RunningService, RunningService];
    await ensureTable(new DynamoDBClient(localDynamoDbClientConfig(dynamodb.url)), names.table);
    const dynamoDbFaults = options.dynamoDbFaults ? new DynamoDbFaults() : undefined;
    const faultProxy = await dynamoDbFaults?.serve(dynamodb.url, host);
    if (faultProxy) stoppers.push(faultProxy.stop);

    const sfnUrl = `http://${host}:${ports.sfn}`;
    const stateMachineArn = `arn:aws:states:${LOCAL_REGION}:${ACCOUNT}:stateMachine:${LOCAL_NAMES.stateMachine}`;
    configureFunctionEnvironment({ dynamodb: faultProxy?.url ?? dynamodb.url, s3: s3.url, ses: ses.url, sfn: sfnUrl, stateMachineArn, directory, logLevel: options.logLevel, table: names.table });
    // The API verifies tokens against a JWKS, as it does Cognito's on AWS: here a local key, published by the local API server.
    const signingKey = ensureLocalSigningKey(dataDir);
    Object.assign(process.env, { AUTH_JWKS_URL: `http://${host}:${ports.api}${LOCAL_JWKS_PATH}`, AUTH_ISSUER: LOCAL_ISSUER, AUTH_AUDIENCE: LOCAL_AUDIENCE });
    // Export jobs: the API invokes the job function (here the api function itself) asynchronously
    // through Lambda's Invoke, served beside Step Functions (local/lambda/lambda-endpoint.ts).
    Object.assign(process.env, { EXPORT_JOB_FUNCTION: 'motcua-api' });
    // The citizen's pages (status, survey) are served on the API's origin here: their links point at it.
    Object.assign(process.env, { PUBLIC_BASE_URL: `http://${host}:${ports.api}` });

    const clock = new LocalClock(join(dataDir, 'clock.json'));
    const functions = new FunctionRegistry();
    const faults = new LocalFaults();
    const fn = (name: string, load: () => Promise<{ handler: unknown }>) =>
      new InProcessFunction(`motcua-${name}`, `arn:aws:lambda:${LOCAL_REGION}:${ACCOUNT}:function:motcua-${name}`, async () => ({
        handler: faults.wrap(name, (await load()).handler as never),
      }));
    const intake = fn('intake', () => import('../functions/intake/handler'));
    const workflow = fn('workflow', () => import('../functions/workflow/handler'));
    const notify = fn('notify', () => import('../functions/notify/handler'));
    const api = fn('api', () => import('../functions/api/handler'));
    // The daily chain digest: an EventBridge schedule on AWS; here run on demand (POST /_local/digest).
    const digest = fn('digest', () => import('../functions/digest/handler'));
    // The daily dispatch of decisions to the procuracy: an EventBridge schedule on AWS (16:30 in Vietnam); here run on
    // demand (POST /_local/procuracy-dispatch), at the local clock's time, which decides the day it sees as today.
    const procuracy = fn('procuracy', () => import('../functions/procuracy/handler'));
    // Reading the attachments (OCR) runs in a worker thread, so that intake and the API are never blocked by it.
    const readingThread = workerThreadHandler(join(ROOT, 'functions', 'reading', 'handler.ts'));
    stoppers.push(() => readingThread.stop());
    const reading = fn('reading', async () => ({ handler: readingThread.handler }));
    for (const f of [intake, workflow, notify, api, digest, procuracy, reading]) functions.add(f);
    // Stopping: invocations still running (an execution's Task that the engine let go of, or its timeout
    // gave up on) end before the emulators go. On AWS the services never vanish under a running function;
    // here a notify that SES accepted, then found DynamoDB gone, left its claim to lapse and the resumed
    // execution sent the notice a second time.
    stoppers.push(() => untilNoFunctionRuns(functions, FUNCTION_TIMEOUT_MS));

    const engine = new LocalStepFunctions(functions, clock, new ExecutionStore(join(dataDir, 'stepfunctions', 'executions')), LOCAL_REGION, (message, detail) =>
      log(`${message}: ${JSON.stringify(detail)}`),
    );
    // EventBridge on AWS: the end of a case workflow's execution goes to notify (infra/constructs/workflow.ts),
    // retried with exponential backoff for up to 24 hours (EventBridge's default retry policy). Here it is
    // retried the same way until delivered or the stack stops: three quick attempts gave up while notify was
    // throttled, and the case failed without "needs attention".
    const deliveries = new Set<Promise<void>>();
    const stopping = new AbortController();
    engine.onExecutionEnded = (record) => {
      if (record.stateMachineArn !== stateMachineArn || !['FAILED', 'TIMED_OUT', 'ABORTED'].includes(record.status)) return;
      const delivery = (async () => {
        for (let attempt = 1; !stopping.signal.aborted; attempt++) {
          try {
            await notify.invoke(executionStatusChange(record, LOCAL_REGION, ACCOUNT));
            return;
          } catch (error) {
            log(`the end of execution ${record.name} was not delivered (attempt ${attempt}), retrying: ${(error as Error).message}`);
            await pause(Math.min(EVENT_RETRY_MAX_DELAY_MS, EVENT_RETRY_FIRST_DELAY_MS * 2 ** (attempt - 1)), stopping.signal);
          }
        }
        log(`the end of execution ${record.name} was not delivered before the stack stopped`);
      })();
      deliveries.add(delivery);
      void delivery.finally(() => deliveries.delete(delivery));
    };
    stoppers.push(async () => {
      stopping.abort();
      await Promise.allSettled([...deliveries]);
    });
    const functionArns = { WorkflowFunctionArn: workflow.arn, NotifyFunctionArn: notify.arn, ReadingFunctionArn: reading.arn };
    const humanStepArn = engine.register(LOCAL_NAMES.humanStepMachine, loadDefinition(join(ROOT, 'statemachines', 'human-step.asl.json'), functionArns));
    engine.register(
      LOCAL_NAMES.stateMachine,
      loadDefinition(join(ROOT, 'statemachines', 'enforcement-request.asl.json'), { ...functionArns, HumanStepStateMachineArn: humanStepArn }),
    );
    const sfnServer = await serveStepFunctionsApi(engine, host, ports.sfn, functions);
    stoppers.push(() => closeServer(sfnServer), () => engine.shutdown());

    const queue = new LocalQueue({
      dir: join(dataDir, 'queues'),
      name: 'inbound-mail',
      region: LOCAL_REGION,
      consume: (event) => intake.invoke(event) as Promise<SQSBatchResponse>,
      batchSize: CAPACITY.intakeBatchSize,
      // Fewer intake invocations at once than the SQS event source allows on AWS (infra/capacity.ts): here they share
      // one thread, so each more divides it, and under a burst a batch then outlived intake's 60 s and was delivered again.
      concurrency: Math.min(CAPACITY.intakeMaxConcurrency, LOCAL_INTAKE_CONCURRENCY),
      onDeadLetter: (message, reason) => log(`DEAD LETTER: inbound message ${message.messageId} ${reason}; kept in ${join(dataDir, 'queues', 'inbound-mail', 'dead-letter')}`),
    });
    stoppers.push(() => queue.stop());

    const smtp = await startInboundMailbox({
      host,
      port: ports.smtp,
      directory,
      s3: new S3Client(localS3ClientConfig(s3.url)),
      bucket: LOCAL_NAMES.inboundBucket,
      prefix: 'inbound/',
      region: LOCAL_REGION,
      now: () => clock.now(),
      onObjectCreated: async (event) => void queue.send(JSON.stringify(event)),
      portEnvVar: PORT_VARIABLES.smtp[0],
    });
    stoppers.push(() => smtp.stop());

    const apiServer = await serveApi(api, clock, host, ports.api, {
      jwks: { keys: [signingKey.publicJwk] },
      digest,
      procuracy,
      deadLetters: queue,
      console: { distDir: options.consoleDist ?? WEB_DIST, dataDir, directory },
      deskSiteDist: options.deskSiteDist ?? DESK_SITE_DIST,
    });
    stoppers.push(() => closeServer(apiServer));

    const recovered = queue.recover();
    const resumed = engine.resumeAll();
    if (recovered || resumed) log(`resumed ${resumed} running execution(s) and ${recovered} queued message(s) from the last run`);

    return {
      names,
      urls: { smtp: `smtp://${host}:${ports.smtp}`, sesOutbox: ses.url, api: `http://${host}:${ports.api}`, dynamodb: dynamodb.url, s3: s3.url, sfn: sfnUrl, console: `http://${host}:${ports.api}/`, deskSite: `http://${host}:${ports.api}${DESK_SITE_PATH}` },
      clock,
      queue,
      engine,
      stateMachineArn,
      functions,
      faults,
      dynamoDbFaults,
      ...(dynamodb.pid === undefined ? {} : { dynamoDbPid: dynamodb.pid }),
      eventsInDelivery: () => deliveries.size,
      idle: () => queue.idle(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The environment the handlers read, as CDK sets it on AWS; the SDK's own AWS_ENDPOINT_URL_*
 * variables point its clients at the emulators, so no handler knows it runs locally.
 */
function configureFunctionEnvironment(c: { dynamodb: string; s3: string; ses: string; sfn: string; stateMachineArn: string; directory: OfficeDirectory; logLevel: string; table: string }) {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: c.dynamodb,
    AWS_ENDPOINT_URL_S3: c.s3,
    AWS_ENDPOINT_URL_SESV2: c.ses,
    AWS_ENDPOINT_URL_SFN: c.sfn,
    // Lambda's Invoke (the API asks notify for a released acknowledgement) is served beside Step Functions.
    AWS_ENDPOINT_URL_LAMBDA: c.sfn,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    TABLE_NAME: c.table,
    INBOUND_BUCKET: LOCAL_NAMES.inboundBucket,
    DOCUMENTS_BUCKET: LOCAL_NAMES.documentsBucket,
    DIGEST_BUCKET: LOCAL_NAMES.digestBucket,
    STATE_MACHINE_ARN: c.stateMachineArn,
    NOTIFY_FUNCTION_NAME: 'motcua-notify',
    SENDER_ADDRESS: c.directory.agency.senderAddress,
    POWERTOOLS_SERVICE_NAME: 'motcua-local',
    POWERTOOLS_LOG_LEVEL: c.logLevel,
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    // The X-Ray SDK (under Powertools' Tracer) otherwise enables an async hook at import that follows
    // every promise of the process for its context: on AWS one function's, here every handler's, the
    // engine's and the emulators' as well, for traces that are off (README, "Tests and measurement").
    // Manual mode creates no hook.
    AWS_XRAY_MANUAL_MODE: 'true',
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The longest an in-process invocation runs (InProcessFunction's own timeout). */
const FUNCTION_TIMEOUT_MS = 60_000;

/** Until no function of the registry runs, or `timeoutMs` has passed (a stuck handler does not hold the stop for ever). */
async function untilNoFunctionRuns(functions: FunctionRegistry, timeoutMs: number): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && functions.all().some((f) => f.active > 0); ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
