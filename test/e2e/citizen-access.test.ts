import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { localClientConfig } from '../../local/services/aws-local';
import { signLocalToken, type LocalTokenRequest } from '../../local/auth/local-keys';
import { citizenConfig } from '../../shared/citizen/citizen-config';
import { checkAttempt, DynamoAttemptCounter } from '../../shared/citizen/rate-limit';
import { mintAccessToken } from '../../shared/citizen/access-token';
import { SATISFACTION_SHEET } from '../../shared/reports/official-report-xlsx';
import { simpleParser } from 'mailparser';
import { sendNotice, type NoticePorts } from '../../shared/notices/send-notice';
import { officeDirectory } from '../../shared/offices/default-directory';
import { procedureSettings } from '../../shared/workflow/procedure-settings';
import { procedureCatalog } from '../../shared/procedures/default-catalog';
import { DynamoCitizenAccessStore } from '../../shared/citizen/access-store';
import { citizenLinkMinter } from '../../shared/citizen/citizen-links';

let t: TestStack;
let db: DynamoDBDocumentClient;
const drive = lifecycleDriver(() => t);
/** What the api handler logs about citizens' attempts (Powertools writes JSON lines to stdout). */
const citizenLog: string[] = [];

beforeAll(async () => {
  t = await startTestStack(21800);
  db = DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(t.stack.urls.dynamodb)));
  // The stack logs errors only; the citizen's attempts are info and warnings. The handlers' logger takes the
  // level of the environment on its first call.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = String(chunk);
      if (text.includes('"citizen access')) {
        citizenLog.push(text);
        return true;
      }
      if (text.includes('"level":"INFO"')) return true;
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await t?.stop();
});

const citizen = { name: 'Lê Thị Mai', address: 'le.thi.mai@example.com' };
const request = { from: citizen, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 33/2026/DS-ST.' };
const headKV1: LocalTokenRequest = { role: 'head', office: 'HCMKV1', sub: 'u-hai', name: 'Nguyễn Văn Hải' };

async function call(method: 'GET' | 'POST', path: string, options: { token?: string; staff?: LocalTokenRequest; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers['x-motcua-access'] = options.token;
  if (options.staff) headers.authorization = `Bearer ${await signLocalToken(t.dataDir, options.staff)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${t.stack.urls.api}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, text, json: (text ? JSON.parse(text) : undefined) as any, headers: response.headers };
}

/** A new minute on the application clock: the attempt counters start again (tests that follow one another stay under the limit). */
async function nextMinute() {
  await t.advanceClock(1);
}

/** The token of a link of a letter in the outbox (the part after #). */
async function linkIn(caseId: string, subjectPhrase: string, page: 'trang-thai' | 'danh-gia'): Promise<{ url: string; token: string }> {
  const mail = await drive.mail(caseId, citizen.address, subjectPhrase);
  const match = new RegExp(`(http://\\S+/${page})#([A-Za-z0-9_-]{43})`).exec(mail.body.text ?? '');
  expect(match, `a /${page}# link in "${mail.subject}"`).not.toBeNull();
  return { url: `${match![1]}#${match![2]}`, token: match![2]! };
}

let statusOfRefused: { caseId: string; token: string };

describe("the requester's private case status", () => {
  it("opens from the acknowledgement's link: where the case stands, the next step, the deadline in working days, the letters; nothing internal", async () => {
    const { caseId } = await drive.openCase(request);
    await t.idle();
    const { url, token } = await linkIn(caseId, 'Xác nhận đã nhận', 'trang-thai');
    expect(url.startsWith(`${t.stack.urls.api}/trang-thai#`)).toBe(true);

    // The token is stored only as its hash: no item of the table holds it.
    const items = (await db.send(new ScanCommand({ TableName: t.names.table }))).Items ?? [];
    expect(JSON.stringify(items)).not.toContain(token);
    expect(items.filter((i) => i.entity === 'citizen-access' && i.caseId === caseId)).toHaveLength(1);

    await nextMinute();
    const status = await call('GET', '/public/case-status', { token });
    expect(status.status).toBe(200);
    expect(status.json.caseId).toBe(caseId);
    expect(status.json.stage).toEqual({ code: 'awaiting-review', text: 'Đang kiểm tra hồ sơ' });
    expect(status.json.nextForRequester).toContain('chưa cần làm gì thêm');
    const review = status.json.deadlines.find((d: any) => d.name === 'Trả lời kết quả kiểm tra hồ sơ');
    const record = await t.cases.requireCase(caseId);
    expect(new Date(review.dueAt).getTime()).toBe(new Date(record.deadlines.review!.dueAt).getTime());
    expect(review.dueAt).toMatch(/\+07:00$/);
    expect(review.dueAtText).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(review.workingDaysLeft).toBe(1);
    expect(status.json.letters.map((l: any) => l.subject)).toEqual([`Xác nhận đã nhận yêu cầu thi hành án [${caseId}]`]);
    // Staff-internal items never reach it: the checks, the desk's notice, task tokens, the desk's address.
    for (const internal of ['checklist', 'taskToken', 'pendingStep', 'senderHold', 'attention', 'new-case', 'kv1.canbo@', 'hint']) expect(status.text).not.toContain(internal);
    expect(status.text).not.toContain(record.pendingStep!.taskToken);
  });

  it('answers a wrong, malformed or missing token, and a case id alone, with the same 404, and logs each without the token', async () => {
    const { caseId } = await drive.openCase(request);
    await nextMinute();
    const wrong = mintAccessToken().token;
    const answers = [
      await call('GET', '/public/case-status', { token: wrong }),
      await call('GET', '/public/case-status', { token: 'abc' }),
      await call('GET', '/public/case-status', { token: `${wrong}x`.repeat(3) }),
      await call('GET', '/public/case-status'),
      await call('GET', `/public/case-status?caseId=${caseId}`),
      await call('GET', '/public/case-status', { token: caseId }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]!.json.message).toContain('Liên kết không đúng hoặc đã hết hạn');
    // The staff route with the id and no staff token is refused too.
    expect((await call('GET', `/cases/${caseId}`)).status).toBe(401);
    const refusals = citizenLog.filter((line) => line.includes('"citizen access refused"'));
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    expect(refusals.join('\n')).not.toContain(wrong);
    expect(refusals.some((line) => line.includes('unknown token'))).toBe(true);
    expect(refusals.some((line) => line.includes('malformed token'))).toBe(true);
  });

  it('limits attempts from one address: a guesser is refused with 429 (even with a good token then), and may try again in the next minute', async () => {
    const { caseId } = await drive.openCase(request);
    await t.idle();
    const { token } = await linkIn(caseId, 'Xác nhận đã nhận', 'trang-thai');
    await nextMinute();
    const limit = citizenConfig.rateLimit.perSourcePerMinute;
    const statuses: number[] = [];
    // Two windows at most if a minute turns during the loop: at most 2 × limit get through.
    for (let i = 0; i < 2 * limit + 1 && !statuses.includes(429); i++) statuses.push((await call('GET', '/public/case-status', { token: mintAccessToken().token })).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(2 * limit);
    const refused = await call('GET', '/public/case-status', { token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.message).toContain('quá nhiều lượt truy cập');
    expect(citizenLog.some((line) => line.includes('rate limit (source)'))).toBe(true);

    await nextMinute();
    expect((await call('GET', '/public/case-status', { token })).status).toBe(200);
  });

  it('limits attempts from everyone together (a guesser with many addresses), on the same DynamoDB counters', async () => {
    const counter = new DynamoAttemptCounter(db, t.names.table);
    const now = new Date('2031-01-01T00:00:30Z');
    const verdicts = [];
    for (let i = 1; i <= 12; i++) verdicts.push(await checkAttempt(counter, { perSourcePerMinute: 5, globalPerMinute: 10 }, `203.0.113.${i}`, now));
    expect(verdicts.slice(0, 10).every((v) => v.allowed)).toBe(true);
    expect(verdicts.slice(10)).toEqual([
      { allowed: false, scope: 'global', retryAfterSeconds: 30 },
      { allowed: false, scope: 'global', retryAfterSeconds: 30 },
    ]);
  });
});

describe('the token and its letter', () => {
  it('a letter refused by the mail service, then sent by the retry, carries a new token that replaces the first (which no sent letter shows)', async () => {
    const { caseId } = await drive.openCase(request);
    await t.idle();
    const raws: Buffer[] = [];
    const ports: NoticePorts = {
      cases: t.cases,
      directory: officeDirectory,
      clock: t.stack.clock,
      procedureOf: (code) => procedureSettings(procedureCatalog, code),
      readDocument: async () => Buffer.alloc(0),
      storeDocument: async () => {
        throw new Error('this requester has an e-mail address: no letter for the post is stored');
      },
      async sendRaw(raw) {
        raws.push(raw);
        if (raws.length === 1) throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
        return { providerMessageId: `p-${raws.length}` };
      },
      providerMessageIds: (id) => [`<${id}@outbox.local>`],
      citizenLinks: citizenLinkMinter(new DynamoCitizenAccessStore(db, t.names.table), () => t.stack.urls.api),
    };
    // The refusal letter (a final letter: it carries the survey link), composed from the review's outcome on the
    // timeline, and refused once by the mail service. (The workflow is left waiting: only the letter is under test.)
    await t.cases.changeCase(caseId, () => ({
      update: {},
      events: [{ type: 'step-completed', at: new Date().toISOString(), actor: { kind: 'officer', id: 'test' }, data: { step: 'review', outcome: { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' } } }],
    }));
    await expect(sendNotice(caseId, 'refusal', undefined, ports)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    await sendNotice(caseId, 'refusal', undefined, ports);
    const tokens = await Promise.all(raws.map(async (raw) => /\/danh-gia#([A-Za-z0-9_-]{43})/.exec((await simpleParser(raw)).text ?? '')?.[1]));
    expect(tokens.every(Boolean)).toBe(true);
    expect(tokens[0]).not.toBe(tokens[1]);

    await nextMinute();
    expect((await call('GET', '/public/survey', { token: tokens[0] })).status).toBe(404);
    expect((await call('GET', '/public/survey', { token: tokens[1] })).status).toBe(200);
    const items = (await db.send(new ScanCommand({ TableName: t.names.table }))).Items ?? [];
    expect(items.filter((i) => i.entity === 'citizen-access' && i.caseId === caseId).map((i) => i.purpose).sort()).toEqual(['status', 'survey']);
  });
});

describe('the satisfaction survey', () => {
  it("is linked from the final letter, rates the case once (two ratings at the same instant give one), and counts in the head's results and the report's annex", async () => {
    const { caseId } = await drive.openCase(request);
    await t.idle();
    const status = await linkIn(caseId, 'Xác nhận đã nhận', 'trang-thai');
    await drive.act(caseId, 'review', { outcome: 'refuse', reason: 'Bản án chưa có hiệu lực pháp luật', legalBasis: 'Khoản 1 Điều 2 Luật Thi hành án dân sự' });
    await drive.closed(caseId);
    await t.idle();
    const survey = await linkIn(caseId, 'từ chối', 'danh-gia');
    statusOfRefused = { caseId, token: status.token };
    await nextMinute();

    // Each token opens its own page only.
    expect((await call('GET', '/public/survey', { token: status.token })).status).toBe(404);
    expect((await call('GET', '/public/case-status', { token: survey.token })).status).toBe(404);
    const invitation = await call('GET', '/public/survey', { token: survey.token });
    expect(invitation.status).toBe(200);
    expect(invitation.json).toMatchObject({ caseId, commentMaxLength: citizenConfig.survey.commentMaxLength });
    expect(invitation.json.answered).toBeUndefined();

    // The closed case's status says how it ended, and lists the refusal.
    const closed = await call('GET', '/public/case-status', { token: status.token });
    expect(closed.json.closed.text).toContain('không được tiếp nhận');
    expect(closed.json.letters.map((l: any) => l.subject)).toContain(`Thông báo từ chối tiếp nhận yêu cầu thi hành án [${caseId}]`);

    // Bad input: a clear 400, nothing recorded.
    const tooLong = await call('POST', '/public/survey', { token: survey.token, body: { rating: 4, comment: 'x'.repeat(citizenConfig.survey.commentMaxLength + 1) } });
    expect(tooLong.status).toBe(400);
    expect((await call('POST', '/public/survey', { token: survey.token, body: { rating: 6 } })).status).toBe(400);

    const both = await Promise.all([
      call('POST', '/public/survey', { token: survey.token, body: { rating: 4, comment: '  Cán bộ hướng dẫn rõ ràng, tận tình.  ' } }),
      call('POST', '/public/survey', { token: survey.token, body: { rating: 1 } }),
    ]);
    expect(both.map((a) => a.status).sort()).toEqual([201, 409]);
    const kept = both.find((a) => a.status === 201)!.json;
    const refused = both.find((a) => a.status === 409)!.json;
    expect(refused.error).toBe('AlreadyRated');
    expect(refused.message).toMatch(/^Hồ sơ này đã được đánh giá lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\. Mỗi hồ sơ chỉ được đánh giá một lần/);
    const again = await call('POST', '/public/survey', { token: survey.token, body: { rating: 5 } });
    expect(again.status).toBe(409);
    expect((await call('GET', '/public/survey', { token: survey.token })).json.answered.rating).toBe(kept.rating);

    // The head's results for the month of the rating, and the annex of the official report.
    const month = kept.ratedAt.slice(0, 7);
    const results = await call('GET', `/reports/satisfaction?period=${month}`, { staff: headKV1 });
    expect(results.status).toBe(200);
    const office = results.json.offices.find((o: any) => o.office === 'HCMKV1');
    expect(office.ratings).toBe(1);
    expect(office.average).toBe(kept.rating);
    expect(office.distribution[kept.rating - 1]).toBe(1);
    if (kept.rating === 4) expect(office.comments).toEqual([{ caseId, rating: 4, comment: 'Cán bộ hướng dẫn rõ ràng, tận tình.', ratedAt: kept.ratedAt }]);
    expect((await call('GET', `/reports/satisfaction?period=${month}&office=HCMKV2`, { staff: headKV1 })).status).toBe(403);

    const report = await fetch(`${t.stack.urls.api}/reports/official?period=${month}&format=xlsx`, { headers: { authorization: `Bearer ${await signLocalToken(t.dataDir, headKV1)}` } });
    expect(report.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await report.arrayBuffer()) as never);
    const annex = workbook.getWorksheet(SATISFACTION_SHEET);
    expect(annex).toBeDefined();
    const rows = annex!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).filter((v) => v !== undefined && v !== null));
    const officeRow = rows.find((row) => row[0] === 'Phòng Thi hành án dân sự khu vực 1 - Thành phố Hồ Chí Minh');
    expect(officeRow?.slice(1, 4)).toEqual([1, kept.rating, kept.rating >= 4 ? 100 : 0]);
  });

  it('a link stops opening anything once the configured time after closing has passed (the same 404 as a wrong token)', async () => {
    expect(statusOfRefused, 'the survey test closed a case').toBeDefined();
    const record = await t.cases.requireCase(statusOfRefused.caseId);
    const validUntil = new Date(new Date(record.closure!.at).getTime() + citizenConfig.statusLink.validDaysAfterClosing * 24 * 3600_000);
    await drive.passTime(new Date(validUntil.getTime() - 10 * 60_000), 0);
    expect((await call('GET', '/public/case-status', { token: statusOfRefused.token })).status).toBe(200);
    await drive.passTime(validUntil, 60);
    const expired = await call('GET', '/public/case-status', { token: statusOfRefused.token });
    const wrong = await call('GET', '/public/case-status', { token: mintAccessToken().token });
    expect(expired.status).toBe(404);
    expect(expired.text).toBe(wrong.text);
    expect(citizenLog.some((line) => line.includes('expired: the case closed'))).toBe(true);
  });
});
