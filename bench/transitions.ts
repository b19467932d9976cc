import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startLocalStack, LOCAL_NAMES, type LocalStack } from '../local/local-stack';
import { localClientConfig } from '../local/services/aws-local';
import { localS3ClientConfig } from '../local/services/s3';
import { CaseRepository } from '../shared/cases/repository';
import type { CaseRecord } from '../shared/cases/model';
import { samplePdf } from '../local/sample-pdf';
import { busyReasons } from '../local/at-rest';
import { testPort } from '../test/support/ports';

/**
 * What one request for enforcement costs on its happy path, measured by running it on the local
 * stack: e-mail in, review accepted, appointment booked and reminded, visit, decision (its copy to
 * the procuracy made due, for the office's daily dispatch: no state of the case's workflow), hand-over, closed.
 * - `happyPathStateTransitions`: the states entered (retries included) in Standard machines, what
 *   Step Functions Standard bills; Express machines are billed by request and duration, counted apart.
 * - `dynamoDbCallsUpToReview`: every DynamoDB call the stack makes from the e-mail's arrival until
 *   the case waits for the officer's review (read off the HTTP requests that leave the process, as
 *   `bench/intake-burst.ts` counts its AWS calls; the driver reads nothing from DynamoDB meanwhile).
 */
export interface HappyPathCost {
  happyPathStateTransitions: number;
  expressStateTransitions: number;
  transitionsByState: Record<string, number>;
  dynamoDbCallsUpToReview: { total: number; byOperation: Record<string, number> };
  /** The same, for a second request of the same requester (one earlier case, closed): the receipt looks for it. */
  dynamoDbCallsUpToReviewReturning: { total: number; byOperation: Record<string, number> };
  /** The size of what the review's wait was given (JSON bytes; Step Functions allows 256 KB a state), the case passed along included. */
  reviewWaitInputBytes: number;
  caseId: string;
}

/** Machines of the stack that are Express (billed by request and duration, not by transition). */
const EXPRESS_MACHINES = new Set<string>();

export async function measureHappyPath(stack: LocalStack): Promise<HappyPathCost> {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamodb)), { marshallOptions: { removeUndefinedValues: true } });
  const cases = new CaseRepository(db, stack.names.table);
  const sfn = new SFNClient(localClientConfig(stack.urls.sfn));
  const s3 = new S3Client(localS3ClientConfig(stack.urls.s3));
  const smtp = new URL(stack.urls.smtp);
  const dynamoPort = new URL(stack.urls.dynamodb).port;
  const transport = nodemailer.createTransport({ host: smtp.hostname, port: Number(smtp.port), secure: false, ignoreTLS: true });
  const before = new Map(stack.engine.transitionsByState);

  const messageId = `<happy-path-${Date.now()}@example.com>`;
  const request = (id: string) => ({
    messageId: id,
    from: { name: 'Phạm Thị Mai', address: 'pham.thi.mai@example.com' },
    to: 'kv1@hcm.thads.example',
    subject: 'Đơn yêu cầu thi hành án - Bản án số 15/2026/DS-ST',
    text: 'Kính gửi Phòng Thi hành án dân sự khu vực 1,\nTôi yêu cầu thi hành Bản án số 15/2026/DS-ST ngày 10/01/2026 của Tòa án nhân dân khu vực 1.\nNgười yêu cầu: Phạm Thị Mai',
    attachments: [{ filename: 'Bản án 15-2026-DS-ST.pdf', content: samplePdf('Ban an 15/2026/DS-ST'), contentType: 'application/pdf' }],
  });
  const first = await callsUntilReview(stack, transport, dynamoPort, request(messageId));
  const caseId = (await cases.getMessage(messageId))?.caseId;
  if (!caseId) throw new Error('the request opened no case');
  const waitingFor = (step: string) => until(`${caseId} to wait for ${step}`, async () => {
    const record = await cases.getCase(caseId);
    return record?.pendingStep?.step === step ? record : undefined;
  });
  const officer = { kind: 'officer', id: 'tran.thi.lan', name: 'Trần Thị Lan' };
  const act = async (step: string, output: Record<string, unknown>) => {
    const record = await waitingFor(step);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: record.pendingStep!.taskToken, output: JSON.stringify({ ...output, actor: officer }) }));
    await until(`${caseId} to leave ${step}`, async () => ((await cases.getCase(caseId))?.pendingStep?.step !== step ? true : undefined));
  };

  await act('review', { outcome: 'accept', note: 'Hồ sơ đủ điều kiện' });
  // every appointment is booked at least a working day ahead: the reminder goes out on every happy path
  const booked: CaseRecord = await until('the appointment', async () => ((await waitingFor('visit')).appointment ? cases.getCase(caseId) : undefined)) as CaseRecord;
  await until('the stack to settle', () => settled(stack));
  stack.clock.advance(new Date(booked.appointment!.reminderAt).getTime() + 60_000 - stack.clock.now().getTime());
  await until('the reminder', async () => ((await cases.listEvents(caseId)).some((e) => e.type === 'notice-sent' && e.data.notice === 'appointment-reminder') ? true : undefined));
  await until('the stack to settle', () => settled(stack));
  await act('visit', { action: 'visit', collection: 'at-desk' });
  const key = `cases/${caseId}/documents/quyet-dinh.pdf`;
  await s3.send(new PutObjectCommand({ Bucket: LOCAL_NAMES.documentsBucket, Key: key, Body: samplePdf('Quyet dinh thi hanh an'), ContentType: 'application/pdf' }));
  const document = { name: 'Quyết định thi hành án.pdf', contentType: 'application/pdf', bucket: LOCAL_NAMES.documentsBucket, key };
  await act('decision', { number: '101/QĐ-THADS', date: '2026-11-30', signer: { name: 'Nguyễn Văn Bình', title: 'Trưởng phòng' }, document });
  await act('handover', { method: 'at-desk', recipientName: 'Phạm Thị Mai', signedSlip: true });
  const closed = await until(`${caseId} to close`, async () => {
    const record = await cases.getCase(caseId);
    return record?.status === 'closed' && stack.engine.list(stack.stateMachineArn).find((e) => e.name === caseId)?.status === 'SUCCEEDED' ? record : undefined;
  });
  if (closed.closure?.reason !== 'resolved') throw new Error(`the case closed as ${closed.closure?.reason}, not resolved`);
  await until('the stack to settle', () => settled(stack));
  const transitionsOf = new Map(stack.engine.transitionsByState);
  // The same requester again, with one earlier case: the receipt looks for it (their index, then the case).
  const returning = await callsUntilReview(stack, transport, dynamoPort, request(`<happy-path-returning-${Date.now()}@example.com>`));
  transport.close();

  const transitionsByState: Record<string, number> = {};
  for (const [state, n] of transitionsOf) if (n > (before.get(state) ?? 0)) transitionsByState[state] = n - (before.get(state) ?? 0);
  const sum = (express: boolean) => Object.entries(transitionsByState).filter(([state]) => EXPRESS_MACHINES.has(state.split('/')[0]!) === express).reduce((s, [, n]) => s + n, 0);
  return {
    happyPathStateTransitions: sum(false),
    expressStateTransitions: sum(true),
    transitionsByState,
    dynamoDbCallsUpToReview: first.calls,
    dynamoDbCallsUpToReviewReturning: returning.calls,
    reviewWaitInputBytes: first.waitInputBytes,
    caseId,
  };
}

/**
 * Sends a request and counts every DynamoDB call the stack makes until its review waits (the driver reads nothing
 * from DynamoDB meanwhile); with the size of what the review's wait was given (the case passed along in the state).
 */
async function callsUntilReview(stack: LocalStack, transport: ReturnType<typeof nodemailer.createTransport>, dynamoPort: string, mail: Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0]) {
  const dynamoCalls = new Map<string, number>();
  const countCall = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (String(request.getHeader('host') ?? '').split(':')[1] !== dynamoPort) return;
    const operation = String(request.getHeader('x-amz-target') ?? '').split('.').at(-1) || request.method;
    dynamoCalls.set(operation, (dynamoCalls.get(operation) ?? 0) + 1);
  };
  subscribe('http.client.request.start', countCall);
  let wait: { input: unknown } | undefined;
  try {
    await transport.sendMail(mail);
    wait = await until('the case to wait for its review', async () => ((await settled(stack)) ? reviewWaiting(stack) : undefined));
  } finally {
    unsubscribe('http.client.request.start', countCall);
  }
  return {
    calls: { total: [...dynamoCalls.values()].reduce((s, n) => s + n, 0), byOperation: Object.fromEntries([...dynamoCalls].sort()) },
    waitInputBytes: Buffer.byteLength(JSON.stringify(wait.input)),
  };
}

/** At rest (local/at-rest.ts) on two looks 50 ms apart: one moment of calm between two steps is not rest. */
async function settled(stack: LocalStack): Promise<true | undefined> {
  if (busyReasons(stack).length > 0) return undefined;
  await new Promise((resolve) => setTimeout(resolve, 50));
  return busyReasons(stack).length === 0 ? true : undefined;
}

/** The review's human step waits for the officer (its child execution runs, and nothing is at work). */
function reviewWaiting(stack: LocalStack): { input: unknown } | undefined {
  return stack.engine.runningTasks().find((t) => t.stateName === 'Wait for the step' && t.input.step === 'review');
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// `npm run bench` (or `tsx bench/transitions.ts`): a fresh local stack, one happy path, the figures as JSON.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { 'port-base': { type: 'string', default: '19960' }, out: { type: 'string', default: '.local/bench/transitions.json' } } });
  // MOTCUA_TEST_PORT_SHIFT moves the ports as it moves the tests' (test/support/ports.ts), so that checkouts side by side do not collide.
  const base = testPort(Number(values['port-base']));
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-bench-transitions-'));
  const ports = { smtp: base, ses: base + 1, api: base + 2, dynamodb: base + 3, s3: base + 4, sfn: base + 5 };
  const stack = await startLocalStack({ host: '127.0.0.1', ports, dataDir, logLevel: 'ERROR', log: (l) => console.log(`[stack] ${l}`) });
  try {
    const { caseId: _caseId, ...figures } = await measureHappyPath(stack);
    const report = { ...figures, measuredAt: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
