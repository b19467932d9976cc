import type { IncomingMessage, ServerResponse } from 'node:http';
import { FunctionError, type FunctionRegistry, type InProcessFunction } from './in-process-function';

/** Lambda's Invoke: `POST /2015-03-31/functions/<name or ARN>/invocations` (REST JSON). */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?.*)?$/;

/** Whether a request is a Lambda Invoke (served beside the Step Functions API, on its port). */
export const isLambdaInvoke = (request: IncomingMessage): boolean => request.method === 'POST' && INVOKE_PATH.test(request.url ?? '');

/**
 * Serves Lambda's synchronous Invoke from the in-process registry, as Lambda answers it: 200 with
 * the function's result, or 200 with `X-Amz-Function-Error` and `{ errorType, errorMessage }` when
 * the function failed, so the application's SDK client works unchanged (the API invoking notify).
 * An asynchronous invocation (`X-Amz-Invocation-Type: Event`, an export job) is accepted at once with
 * 202 and run in process, as Lambda queues an event: its failure is logged, the caller never sees it.
 */
export async function serveLambdaInvoke(functions: FunctionRegistry, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const name = decodeURIComponent(INVOKE_PATH.exec(request.url ?? '')![1]!);
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let fn: InProcessFunction;
  try {
    fn = functions.get(name);
  } catch (error) {
    response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
    return void response.end(JSON.stringify({ Type: 'User', message: (error as Error).message }));
  }
  if (request.headers['x-amz-invocation-type'] === 'Event') {
    fn.invoke(text ? JSON.parse(text) : null).catch((error: Error) => console.error(`[lambda] ${name} failed: ${error.name}: ${error.message}`));
    response.writeHead(202, { 'content-type': 'application/json' });
    return void response.end();
  }
  try {
    const result = await fn.invoke(text ? JSON.parse(text) : null);
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
    response.end(JSON.stringify(result));
  } catch (error) {
    const e = error as Error;
    response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' });
    response.end(JSON.stringify({ errorType: error instanceof FunctionError ? e.name : 'Error', errorMessage: e.message }));
  }
}
