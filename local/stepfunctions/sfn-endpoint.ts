import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { LocalStepFunctions } from './local-step-functions';
import { TaskTokenError } from './task-tokens';
import type { ExecutionRecord } from './execution-store';
import type { FunctionRegistry } from '../lambda/in-process-function';
import { isLambdaInvoke, serveLambdaInvoke } from '../lambda/lambda-endpoint';

/** AWS JSON 1.0 errors: the SDK reads the name after "#" in __type. */
class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const seconds = (iso?: string) => (iso ? new Date(iso).getTime() / 1000 : undefined);

function describeShape(r: ExecutionRecord) {
  return {
    executionArn: r.executionArn,
    stateMachineArn: r.stateMachineArn,
    name: r.name,
    status: r.status,
    startDate: seconds(r.startDate),
    stopDate: seconds(r.stopDate),
    input: r.input,
    output: r.output,
    error: r.error,
    cause: r.cause,
  };
}

type Operation = (engine: LocalStepFunctions, body: Record<string, any>) => unknown;

/** The subset of the Step Functions API that the application and its tests call. */
const operations: Record<string, Operation> = {
  StartExecution: async (engine, b) => {
    const r = engine.start(String(b.stateMachineArn), String(b.name ?? crypto.randomUUID()), b.input ?? '{}');
    await engine.saved();
    return { executionArn: r.executionArn, startDate: seconds(r.startDate) };
  },
  DescribeExecution: (engine, b) => describeShape(engine.describe(String(b.executionArn))),
  StopExecution: (engine, b) => ({ stopDate: seconds(engine.stopExecution(String(b.executionArn), b.error, b.cause).stopDate) }),
  ListExecutions: (engine, b) => ({
    executions: engine
      .list(String(b.stateMachineArn))
      .filter((r) => !b.statusFilter || r.status === b.statusFilter)
      .map((r) => ({ executionArn: r.executionArn, stateMachineArn: r.stateMachineArn, name: r.name, status: r.status, startDate: seconds(r.startDate), stopDate: seconds(r.stopDate) })),
  }),
  GetExecutionHistory: (engine, b) => {
    const events = engine.history(String(b.executionArn)).map((e, i, all) => ({
      id: all.length - i,
      timestamp: Date.now() / 1000,
      type: e.type,
      stateEnteredEventDetails: { name: e.name, input: JSON.stringify(e.input) },
    }));
    return { events: b.reverseOrder ? events : events.reverse() };
  },
  SendTaskSuccess: (engine, b) => {
    let output: unknown;
    try {
      output = JSON.parse(String(b.output));
    } catch {
      throw new ApiError('InvalidOutput', 'Invalid Output: the output must be JSON');
    }
    engine.tokens.succeed(String(b.taskToken ?? ''), output);
    return {};
  },
  SendTaskFailure: (engine, b) => {
    const error = new Error(b.cause ?? '');
    error.name = b.error ?? '';
    engine.tokens.fail(String(b.taskToken ?? ''), error);
    return {};
  },
  SendTaskHeartbeat: (engine, b) => {
    engine.tokens.heartbeat(String(b.taskToken ?? ''));
    return {};
  },
};

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Serves the Step Functions API over HTTP, so the application's SDK client reaches the local engine
 * unchanged; with `functions`, Lambda's Invoke too, on the same port (AWS_ENDPOINT_URL_LAMBDA).
 */
export function serveStepFunctionsApi(engine: LocalStepFunctions, host: string, port: number, functions?: FunctionRegistry): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (functions && isLambdaInvoke(request)) return serveLambdaInvoke(functions, request, response);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    };
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
      if (request.method !== 'POST' || !operation) throw new ApiError('UnknownOperationException', `the local Step Functions does not implement ${target || 'this request'}`);
      const name = target.replace(/^AWSStepFunctions\./, '');
      const injected = engine.faults.get(name) ?? 0;
      if (injected > 0) {
        engine.faults.set(name, injected - 1);
        await readJson(request);
        throw new ApiError('ThrottlingException', `Rate exceeded (a fault injected into the local ${name})`);
      }
      reply(200, await operation(engine, await readJson(request)));
    } catch (error) {
      const e = error as Error;
      const type = error instanceof ApiError ? error.type : error instanceof TaskTokenError ? error.code : e.name && e.name !== 'Error' ? e.name : 'InternalFailure';
      reply(error instanceof ApiError ? error.status : type === 'InternalFailure' ? 500 : 400, { __type: `com.amazonaws.swf.service.v2.model#${type}`, message: e.message });
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
