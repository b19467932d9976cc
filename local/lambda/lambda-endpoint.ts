import type { IncomingMessage, ServerResponse } from 'node:http';
import { FunctionError, type FunctionRegistry } from './in-process-function';

/** Lambda's Invoke: `POST /2015-03-31/functions/<name or ARN>/invocations` (REST JSON). */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations(?:\?.*)?$/;

/** Whether a request is a Lambda Invoke (served beside the Step Functions API, on its port). */
export const isLambdaInvoke = (request: IncomingMessage): boolean => request.method === 'POST' && INVOKE_PATH.test(request.url ?? '');

/**
 * Serves Lambda's synchronous Invoke from the in-process registry, as Lambda answers it: 200 with
 * the function's result, or 200 with `X-Amz-Function-Error` and `{ errorType, errorMessage }` when
 * the function failed, so the application's SDK client works unchanged (the API invoking notify).
 */
export async function serveLambdaInvoke(functions: FunctionRegistry, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const name = decodeURIComponent(INVOKE_PATH.exec(request.url ?? '')![1]!);
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let fn;
  try {
    fn = functions.get(name);
  } catch (error) {
    response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
    return void response.end(JSON.stringify({ Type: 'User', message: (error as Error).message }));
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
