import MailComposer from 'nodemailer/lib/mail-composer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { localClientConfig } from '../local/services/aws-local';
import { ensureTable } from '../local/services/table';
import { parseInboundMessage } from '../shared/mail/inbound-message';
import { samplePdf } from '../local/sample-pdf';
import { processBounded } from '../shared/intake/bounded-batch';

/** A table of its own, so the ceiling's items never mix with the stack's cases. */
const CEILING_TABLE = 'motcua-bench-ceiling';

export interface CeilingResult {
  mails: number;
  concurrency: number;
  seconds: number;
  mailsPerSecond: number;
}

/**
 * The bare ceiling of intake on this machine, in the same run and against the same DynamoDB Local
 * as the stack: each of `count` mails like the burst's is parsed (the same MIME parser intake uses)
 * and written with one transaction (the message record and a case item), nothing else: no queue,
 * no S3, no workflow, no notice. The stack's throughput over this says what the rest costs.
 */
export async function runCeiling(dynamodbUrl: string, count: number, concurrency: number): Promise<CeilingResult> {
  const client = new DynamoDBClient(localClientConfig(dynamodbUrl));
  await ensureTable(client, CEILING_TABLE);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const judgment = samplePdf('Ban an so 12/2026/DS-ST');
  const runId = Date.now().toString(36);
  const raws = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      new MailComposer({
        messageId: `<ceiling-${runId}-${i}@example.com>`,
        from: { name: `Người yêu cầu số ${i}`, address: `nguoi.yeu.cau.${i}@example.com` },
        to: 'kv1@hcm.thads.example',
        subject: `Đơn yêu cầu thi hành án số ${i}`,
        text: `Kính gửi cơ quan thi hành án dân sự,\nTôi yêu cầu thi hành bản án số ${i}/2026/DS-ST.`,
        attachments: [{ filename: `Bản án số ${i}.pdf`, content: judgment, contentType: 'application/pdf' }],
      })
        .compile()
        .build(),
    ),
  );
  const started = performance.now();
  const failed = await processBounded(raws, concurrency, async (raw) => {
    const message = await parseInboundMessage(raw);
    const id = message.messageId ?? 'none';
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: CEILING_TABLE, Item: { PK: `MSG#${id}`, SK: 'MSG', subject: message.subject, from: message.from?.address }, ConditionExpression: 'attribute_not_exists(PK)' } },
          { Put: { TableName: CEILING_TABLE, Item: { PK: `CASE#${id}`, SK: 'CASE', subject: message.subject, attachments: message.attachments.length }, ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
      }),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  if (failed.length) throw new Error(`the ceiling run failed on ${failed.length} of ${count} mails`);
  return { mails: count, concurrency, seconds: +seconds.toFixed(2), mailsPerSecond: +(count / seconds).toFixed(1) };
}
