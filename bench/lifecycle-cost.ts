import nodemailer from 'nodemailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_NAMES, type LocalStack } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { localS3ClientConfig } from '../local/services/s3';
import { samplePdf } from '../local/sample-pdf';
import { CaseRepository } from '../shared/cases/repository';
import { CASE_INDEX_PROJECTION } from '../shared/cases/keys';
import type { CaseRecord } from '../shared/cases/model';
import { AWS_PRICE_LIST, PRICES_RECORDED, PRICES_REGION } from './aws-prices';
import { AwsCallCounter, OutboxWatcher, settle } from './burst';
import type { OutboxEmail } from '../local/services/ses-outbox';
import { officeDirectory } from '../shared/offices/default-directory';
import { nextDispatchAt } from '../shared/procuracy/dispatch';

/** The procuracy of the office the bench's requests go to (config/offices.json). */
const PROCURACY_OF_HCMKV1 = officeDirectory.offices.find((o) => o.code === 'HCMKV1')!.procuracyEmail;

/** What one case costs, counted on the local stack from its e-mail to its hand-over. */
export interface LifecycleCounts {
  cases: number;
  stateTransitions: number;
  lambdaInvocations: number;
  lambdaBilledMs: number;
  executions: number;
  dynamoDbWriteUnits: number;
  /** The write units by kind of item (bench/burst.ts writesByItem). */
  dynamoDbWriteUnitsByItem: Record<string, number>;
  /** The secondary indexes' writes under CASE_INDEX_PROJECTION (bench/index-writes.ts), and had they projected ALL. */
  dynamoDbIndexWriteUnits: number;
  dynamoDbIndexWriteUnitsIfAllProjected: number;
  dynamoDbReadUnits: number;
  dynamoDbBytesStored: number;
  s3Puts: number;
  s3Gets: number;
  s3BytesStored: number;
  /** E-mails sent, a dispatch to the procuracy counted as its share: the e-mail divided by the decisions it carried. */
  sesSent: number;
  sesAttachmentBytes: number;
  inboundBytes: number;
  apiCalls: Record<string, number>;
  /** The daily dispatch to the procuracy that carried these cases' copies: wall-clock time of the run (all offices). */
  procuracyDispatch: { offices: number; decisions: number; ms: number };
}

const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`lifecycle: gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * Drives `count` requests for enforcement through the happy path, as the desk would (review
 * accepted, visit, decision, hand-over; the reminder the working day before the visit), alone on
 * the stack, counting everything AWS would bill. Run before the burst: it moves the local clock.
 */
export async function measureLifecycle(stack: LocalStack, portBase: number, count = 3): Promise<LifecycleCounts> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  const cases = new CaseRepository(db, stack.names.table);
  const sfn = new SFNClient(localClientConfig(stack.urls.sfn));
  const s3 = new S3Client(localS3ClientConfig(stack.urls.s3));
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(new URL(stack.urls.smtp).port), secure: false, ignoreTLS: true });
  const outbox = new OutboxWatcher(stack.urls.sesOutbox);
  await outbox.poll();

  await settle(stack);
  const counter = new AwsCallCounter(portBase).start();
  const transitionsBefore = stack.engine.transitions;
  const invocationsBefore = stack.functions.all().reduce((s, f) => s + f.invocations, 0);
  const billedBefore = stack.functions.all().reduce((s, f) => s + f.billedMs, 0);
  const runId = Date.now().toString(36);
  const judgment = samplePdf('Ban an so 15/2026/DS-ST');
  let inboundBytes = 0;

  const messageIds = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const messageId = `<lifecycle-${runId}-${i}@example.com>`;
      const info = await transport.sendMail({
        messageId,
        from: { name: 'Phạm Thị Mai', address: `pham.thi.mai.${i}@example.com` },
        to: 'kv1@hcm.thads.example',
        subject: `Đơn yêu cầu thi hành án - Bản án số ${i}/2026/DS-ST`,
        text: 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\nTôi yêu cầu thi hành Bản án số 15/2026/DS-ST ngày 10/01/2026 của Tòa án nhân dân khu vực 1, buộc ông Đỗ Văn Hùng trả cho tôi 150.000.000 đồng.\nNgười yêu cầu ký tên: Phạm Thị Mai',
        attachments: [{ filename: 'Bản án 15-2026-DS-ST.pdf', content: judgment, contentType: 'application/pdf' }],
      });
      inboundBytes += (info as { messageSize?: number }).messageSize ?? judgment.length;
      return messageId;
    }),
  );
  transport.close();
  const caseIds = await Promise.all(messageIds.map((m) => until(`the case of ${m}`, async () => (await cases.getMessage(m))?.caseId)));
  const waitingFor = (caseId: string, step: string) =>
    until<CaseRecord>(`${caseId} to wait for ${step}`, async () => {
      const record = await cases.getCase(caseId);
      return record?.pendingStep?.step === step ? record : undefined;
    });
  const act = async (caseId: string, step: string, output: Record<string, unknown>) => {
    // A wait can be renewed under us (the reminder renews the visit's): then its token is stale, and is read again, as the API does.
    for (let attempt = 1; ; attempt++) {
      const record = await waitingFor(caseId, step);
      try {
        return void (await sfn.send(new SendTaskSuccessCommand({ taskToken: record.pendingStep!.taskToken, output: JSON.stringify({ ...output, actor: { kind: 'officer', id: 'tran.thi.lan', name: 'Trần Thị Lan' } }) })));
      } catch (error) {
        if (!['TaskTimedOut', 'TaskDoesNotExist'].includes((error as Error).name) || attempt >= 5) throw error;
        await settle(stack);
      }
    }
  };
  const event = (caseId: string, type: string) => until(`${type} on ${caseId}`, async () => (await cases.listEvents(caseId)).find((e) => e.type === type));

  await Promise.all(caseIds.map((id) => act(id, 'review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' })));
  const reminders = await Promise.all(caseIds.map(async (id) => String((await event(id, 'appointment-booked')).data.reminderAt)));
  // The working day before each visit: the reminders go out (the clock moves only when nothing is at work, as time does on AWS).
  // Appointments fill the sessions in turn, so reminders fall on different days: the clock stops at each, so that none
  // goes out late (a late reminder makes the wait read its clock again, two transitions that AWS's steady time never pays).
  for (const instant of [...new Set(reminders)].sort((a, b) => Date.parse(a) - Date.parse(b))) {
    await settle(stack);
    const moved = await fetch(`${stack.urls.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceTo: new Date(Date.parse(instant) + 60_000).toISOString() }) });
    if (!moved.ok) throw new Error(`lifecycle: moving the clock failed: ${moved.status}`);
    const due = caseIds.filter((_, i) => reminders[i] === instant);
    await Promise.all(due.map((id) => until(`the reminder of ${id}`, async () => (await cases.listEvents(id)).find((e) => e.type === 'notice-sent' && e.data.notice === 'appointment-reminder'))));
  }
  await Promise.all(
    caseIds.map((id) => act(id, 'visit', { action: 'visit', collection: 'at-desk', documentsReceived: [{ name: 'Đơn yêu cầu thi hành án', copies: 1, kind: 'original' }, { name: 'Bản án số 15/2026/DS-ST', copies: 1, kind: 'copy' }] })),
  );
  await Promise.all(
    caseIds.map(async (id) => {
      await waitingFor(id, 'decision');
      const key = `cases/${id}/documents/quyet-dinh.pdf`;
      await s3.send(new PutObjectCommand({ Bucket: LOCAL_NAMES.documentsBucket, Key: key, Body: samplePdf('Quyet dinh thi hanh an'), ContentType: 'application/pdf' }));
      const document = { name: 'Quyết định thi hành án.pdf', contentType: 'application/pdf', bucket: LOCAL_NAMES.documentsBucket, key };
      await act(id, 'decision', { number: '101/QĐ-THADS', date: '2026-11-30', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document });
    }),
  );
  await Promise.all(caseIds.map((id) => act(id, 'handover', { method: 'at-desk', recipientName: 'Phạm Thị Mai', signedSlip: true })));
  await Promise.all(caseIds.map((id) => until(`${id} to close`, async () => ((await cases.getCase(id))?.status === 'closed' ? true : undefined))));
  // The copies to the procuracy go in the office's daily dispatch (16:30 on a working day): one e-mail for the day's decisions.
  await settle(stack);
  const dispatchAt = nextDispatchAt(officeDirectory, 'HCMKV1', stack.clock.now());
  const toDispatch = await fetch(`${stack.urls.api}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceTo: dispatchAt.toISOString() }) });
  if (!toDispatch.ok) throw new Error(`lifecycle: moving the clock to the dispatch failed: ${toDispatch.status}`);
  const dispatchStarted = performance.now();
  const dispatched = await fetch(`${stack.urls.api}/_local/procuracy-dispatch`, { method: 'POST' });
  if (!dispatched.ok) throw new Error(`lifecycle: the dispatch to the procuracy failed: ${dispatched.status} ${await dispatched.text()}`);
  const dispatchMs = Math.round(performance.now() - dispatchStarted);
  await settle(stack);
  counter.stop();

  const sent = await outbox.poll();
  const ours = sent.filter((m) => caseIds.some((id) => m.subject.includes(`[${id}]`)));
  // A dispatch is one e-mail for every decision it carries: each case bears its share (the e-mail divided by the cases
  // it carried), and its own decision's attachment.
  const carriedIn = (m: OutboxEmail) => [...(m.body.text ?? '').matchAll(/mã hồ sơ ([A-Z0-9-]+);/g)].map((x) => x[1]!);
  const dispatches = sent.filter((m) => m.destination.to.join(',').includes(PROCURACY_OF_HCMKV1) && carriedIn(m).some((id) => caseIds.includes(id)));
  const dispatchShare = dispatches.reduce((s, m) => s + carriedIn(m).filter((id) => caseIds.includes(id)).length / carriedIn(m).length, 0);
  const dispatchAttachmentBytes = dispatches.flatMap((m) => m.attachments.filter((a) => caseIds.some((id) => String(a.filename).startsWith(id)))).reduce((s, a) => s + a.size, 0);
  // What the table keeps of a case: its item, its events, and a record per message in and out (measured on the first message).
  let storedBytes = 0;
  for (const [i, id] of caseIds.entries()) {
    storedBytes += Buffer.byteLength(JSON.stringify(await cases.getCase(id))) + Buffer.byteLength(JSON.stringify(await cases.listEvents(id)));
    storedBytes += Buffer.byteLength(JSON.stringify(await cases.getMessage(messageIds[i]!))) * (1 + ours.filter((m) => m.subject.includes(`[${id}]`)).length);
  }
  const executions = [...new Set(stack.engine.list(stack.stateMachineArn).concat(stack.engine.list(stack.stateMachineArn.replace(LOCAL_NAMES.stateMachine, LOCAL_NAMES.humanStepMachine))))].filter((e) =>
    caseIds.some((id) => e.name.startsWith(id)),
  ).length;
  return {
    cases: count,
    stateTransitions: stack.engine.transitions - transitionsBefore,
    lambdaInvocations: stack.functions.all().reduce((s, f) => s + f.invocations, 0) - invocationsBefore,
    lambdaBilledMs: stack.functions.all().reduce((s, f) => s + f.billedMs, 0) - billedBefore,
    executions,
    dynamoDbWriteUnits: counter.writeUnits,
    // The indexes' own writes, under the projection in force and, for comparison, had they held every attribute.
    dynamoDbIndexWriteUnits: counter.indexWrites.units[CASE_INDEX_PROJECTION],
    dynamoDbIndexWriteUnitsIfAllProjected: counter.indexWrites.units.ALL,
    dynamoDbWriteUnitsByItem: Object.fromEntries([...counter.writeUnitsByItem].sort((a, b) => b[1] - a[1])),
    dynamoDbReadUnits: counter.readUnits,
    dynamoDbBytesStored: storedBytes,
    s3Puts: counter.get('S3 PUT'),
    s3Gets: counter.get('S3 GET'),
    s3BytesStored: counter.s3BytesPut,
    sesSent: ours.length + dispatchShare,
    sesAttachmentBytes: ours.flatMap((m) => m.attachments).reduce((s, a) => s + a.size, 0) + dispatchAttachmentBytes,
    inboundBytes,
    apiCalls: Object.fromEntries([...counter.operations].sort()),
    procuracyDispatch: { offices: officeDirectory.offices.length, decisions: dispatches.reduce((n, m) => n + carriedIn(m).length, 0), ms: dispatchMs },
  };
}

/** Lambda memory of the functions a case runs through (AppFunction's default; infra/app-function.ts). */
const LAMBDA_MEMORY_GB = 0.5;
/** Estimated log volume: Lambda's START/END/REPORT lines and a few Powertools lines per invocation; Step Functions' events per transition (level ALL, without execution data). */
const LOG_BYTES_PER_INVOCATION = 1500;
const LOG_BYTES_PER_TRANSITION = 600;
/** Each mail goes through SQS: sent by S3, received and deleted by Lambda's poller. */
const SQS_REQUESTS_PER_MAIL = 3;

export interface CostLine {
  item: string;
  quantityPerCase: number;
  unit: string;
  usdPer1000Cases: number;
}

/** Prices the counted lifecycle per 1,000 cases, line by line, with one year of storage. */
export function priceLifecycle(c: LifecycleCounts): { region: string; pricesRecorded: string; lines: CostLine[]; totalUsdPer1000Cases: number } {
  const per = (n: number) => n / c.cases;
  const p = AWS_PRICE_LIST;
  const GB = 1024 ** 3;
  const line = (item: string, quantityPerCase: number, unit: string, unitPrice: number): CostLine => ({
    item,
    quantityPerCase: +quantityPerCase.toFixed(quantityPerCase < 1 ? 6 : 2),
    unit,
    usdPer1000Cases: +(quantityPerCase * unitPrice * 1000).toFixed(4),
  });
  const logBytes = c.lambdaInvocations * LOG_BYTES_PER_INVOCATION + c.stateTransitions * LOG_BYTES_PER_TRANSITION;
  const lines = [
    line('SES inbound messages', 1, 'message', p.sesInboundMessage.usd),
    line('SES inbound chunks', Math.ceil(per(c.inboundBytes) / (256 * 1024)), '256 KB chunk', p.sesInboundChunk.usd),
    line('SES outbound messages', per(c.sesSent), 'message', p.sesOutboundMessage.usd),
    line('SES outbound attachments', per(c.sesAttachmentBytes) / GB, 'GB', p.sesOutboundAttachmentGb.usd),
    line('S3 PUT requests (SES stores the raw mail: +1)', per(c.s3Puts) + 1, 'request', p.s3Put.usd),
    line('S3 GET requests', per(c.s3Gets), 'request', p.s3Get.usd),
    line('S3 storage, one year', (per(c.s3BytesStored + c.inboundBytes) / GB) * 12, 'GB-month', p.s3StorageGbMonth.usd),
    line('SQS requests', SQS_REQUESTS_PER_MAIL, 'request', p.sqsRequest.usd),
    line('Lambda invocations', per(c.lambdaInvocations), 'invocation', p.lambdaRequest.usd),
    line('Lambda compute (512 MB, measured locally)', (per(c.lambdaBilledMs) / 1000) * LAMBDA_MEMORY_GB, 'GB-second', p.lambdaGbSecondArm.usd),
    line('Step Functions transitions', per(c.stateTransitions), 'transition', p.stepFunctionsTransition.usd),
    line('DynamoDB writes', per(c.dynamoDbWriteUnits), 'write request unit', p.dynamoDbWriteRequestUnit.usd),
    line(`DynamoDB index writes (GSI1, GSI2; ${CASE_INDEX_PROJECTION})`, per(c.dynamoDbIndexWriteUnits), 'write request unit', p.dynamoDbWriteRequestUnit.usd),
    line('DynamoDB reads', per(c.dynamoDbReadUnits), 'read request unit', p.dynamoDbReadRequestUnit.usd),
    line('DynamoDB storage, one year', (per(c.dynamoDbBytesStored) / GB) * 12, 'GB-month', p.dynamoDbStorageGbMonth.usd),
    line('CloudWatch Logs ingestion (estimated volume)', per(logBytes) / GB, 'GB', p.cloudWatchLogsIngestedGb.usd),
    line('X-Ray traces (an execution or an intake record each)', per(c.executions) + 1, 'trace', p.xrayTraceRecorded.usd),
  ];
  return { region: PRICES_REGION, pricesRecorded: PRICES_RECORDED, lines, totalUsdPer1000Cases: +lines.reduce((s, l) => s + l.usdPer1000Cases, 0).toFixed(4) };
}
