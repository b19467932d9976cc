import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { requiredEnv } from '../../shared/aws/clients';
import type { NoticeKind } from '../../shared/notices/case-notices';
import type { NoticeDispatchResult } from '../../shared/staff/confirm-sender';
import { tracer } from './powertools';

const lambda = tracer.captureAWSv3Client(new LambdaClient({}));

/**
 * Asks the notify function (NOTIFY_FUNCTION_NAME), which alone sends mail, for one notice of a
 * case, and waits for its answer: sent, already sent (its key), or not needed. A failure of the
 * function is thrown, so the caller's retry asks again (the notice is still sent once).
 */
export async function invokeNotify(request: { notice: NoticeKind; caseId: string; step?: string }): Promise<NoticeDispatchResult> {
  const answer = await lambda.send(new InvokeCommand({ FunctionName: requiredEnv('NOTIFY_FUNCTION_NAME'), Payload: Buffer.from(JSON.stringify(request)) }));
  const payload = answer.Payload?.length ? JSON.parse(Buffer.from(answer.Payload).toString('utf8')) : undefined;
  if (answer.FunctionError) throw new Error(`the notify function failed to send the ${request.notice} of case ${request.caseId}: ${payload?.errorMessage ?? answer.FunctionError}`);
  return payload as NoticeDispatchResult;
}
