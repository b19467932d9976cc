/**
 * Who may steer a case by mail, and whom the agency's mail answers (issue 14): a stranger who names
 * a case is recorded and never obeyed; spam, a forged sender and an abuse report get no automatic
 * answer; a bounce of our own mail lands on its case. The local SMTP stand-in writes the verdicts a
 * test asks for (X-Local-SES-Verdicts), as SES writes its own.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, type TestStack } from './support/test-stack';
import { lifecycleDriver } from './support/lifecycle';
import { verifyChain } from '../../shared/timeline/hash-chain';
import { signLocalToken } from '../../local/auth/local-keys';
import { parseCsv } from '../../shared/reports/csv';
import { vietnamMonth } from '../../shared/time/vietnam-time';

let t: TestStack;
const drive = lifecycleDriver(() => t);

beforeAll(async () => {
  t = await startTestStack(20600);
});

afterAll(async () => {
  await t?.stop();
});

const victim = { name: 'Lê Thị Thu', address: 'le.thi.thu@example.com' };
const stranger = { name: 'Người lạ', address: 'stranger@attacker.example' };
const request = (from: { name: string; address: string }) => ({ from, to: 'kv1@hcm.thads.example', subject: 'Đơn yêu cầu thi hành án', text: 'Tôi yêu cầu thi hành Bản án số 21/2026/DS-ST.' });
const uniqueId = (what: string) => `<${what}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com>`;

async function caseOfMessage(messageId: string): Promise<string> {
  return eventually(`a case for ${messageId}`, async () => {
    const record = await t.cases.getMessage(messageId);
    return record?.status === 'done' ? record.caseId : undefined;
  });
}

/** A report (RFC 6522) as mail servers write them: a human part, the machine part, and the reported message's headers. */
function report(r: { from: string; messageId: string; reportType: string; subject: string; reportPart: [string, string]; original: string }): string {
  return [
    `From: ${r.from}`,
    'To: kv1@hcm.thads.example',
    `Subject: ${r.subject}`,
    `Message-ID: ${r.messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${r.reportType}; boundary="RPT"`,
    '',
    '--RPT',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is an automatically generated report about a message.',
    '--RPT',
    `Content-Type: ${r.reportPart[0]}`,
    '',
    r.reportPart[1],
    '--RPT',
    'Content-Type: text/rfc822-headers',
    '',
    `From: motcua@thads.example\r\nTo: le.thi.thu@example.com\r\nMessage-ID: ${r.original}\r\nSubject: reported`,
    '--RPT--',
    '',
  ].join('\r\n');
}

const mailsTo = async (caseId: string, address: string) => (await t.outbox()).filter((m) => m.subject.includes(`[${caseId}]`) && m.destination.to.includes(address));

describe('a message that names a case', () => {
  it('from a stranger is recorded as a third party, tells the desk, moves nothing and answers nothing', async () => {
    // Prepare: the victim's case waits for the visit on its first appointment
    const { caseId } = await drive.openCase(request(victim));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    const booked = await drive.waitingFor(caseId, 'visit');
    await drive.noticeSent(caseId, 'appointment');
    const victimMailBefore = (await mailsTo(caseId, victim.address)).length;

    // Act: three mails from a stranger asking to move the appointment
    const sent = [];
    for (let i = 1; i <= 3; i++) {
      const messageId = uniqueId(`stranger-${i}`);
      await t.sendMail({ from: stranger, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Tôi bận, xin đổi lịch hẹn sang ngày khác.', messageId });
      sent.push(messageId);
      expect(await caseOfMessage(messageId)).toBe(caseId);
    }
    await t.stack.idle();

    // Assess: recorded, flagged for the desk, the appointment unmoved, nobody mailed
    for (const messageId of sent) expect((await t.cases.getMessage(messageId))?.disposition).toBe('third-party');
    const record = await t.cases.requireCase(caseId);
    expect(record.appointment).toEqual(booked.appointment);
    expect(record.pendingStep?.step).toBe('visit');
    expect(record.attention?.filter((a) => a.kind === 'third-party-message').map((a) => a.messageId)).toEqual(sent);
    expect(record.attention?.[0]?.detail).toContain(stranger.address);
    const events = await t.cases.listEvents(caseId);
    expect(events.filter((e) => e.type === 'third-party-message-received')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'appointment-rescheduled')).toHaveLength(0);
    expect((await mailsTo(caseId, victim.address)).length).toBe(victimMailBefore);
    expect((await t.outbox()).filter((m) => m.destination.to.includes(stranger.address))).toHaveLength(0);
    expect(verifyChain(events, record)).toEqual({ ok: true });
  });

  it("from the requester's own address that fails DMARC is a third party's too", async () => {
    const { caseId } = await drive.openCase(request(victim));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    const booked = await drive.waitingFor(caseId, 'visit');

    const messageId = uniqueId('forged');
    await t.sendMail({ from: victim, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Xin đổi lịch hẹn.', messageId, headers: { 'X-Local-SES-Verdicts': 'spf=fail; dkim=fail; dmarc=fail' } });
    await caseOfMessage(messageId);
    await t.stack.idle();

    expect((await t.cases.getMessage(messageId))?.disposition).toBe('third-party');
    expect((await t.cases.requireCase(caseId)).appointment).toEqual(booked.appointment);
  });

  it('from the requester moves the appointment up to the catalog limit (2), then leaves it to the desk', async () => {
    const { caseId } = await drive.openCase(request(victim));
    await drive.act(caseId, 'review', { outcome: 'accept' });
    await drive.waitingFor(caseId, 'visit');

    for (let move = 1; move <= 2; move++) {
      await t.sendMail({ from: victim, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Tôi bận, xin đổi lịch hẹn.', messageId: uniqueId(`move-${move}`) });
      await drive.event(caseId, 'appointment-rescheduled', move);
      await eventually(`attempt ${move + 1}`, async () => ((await t.cases.requireCase(caseId)).appointment?.attempt === move + 1 && (await t.cases.requireCase(caseId)).pendingStep?.step === 'visit' ? true : undefined));
    }
    const third = uniqueId('move-3');
    await t.sendMail({ from: victim, to: 'kv1@hcm.thads.example', subject: `Re: Lịch hẹn [${caseId}]`, text: 'Tôi lại bận, xin đổi lịch hẹn.', messageId: third });
    const flagged = await eventually('the desk told', async () => (await t.cases.requireCase(caseId)).attention?.find((a) => a.messageId === third));
    await t.stack.idle();

    expect(flagged.kind).toBe('reschedule-limit');
    const record = await t.cases.requireCase(caseId);
    expect(record.appointment?.attempt).toBe(3);
    expect((await t.cases.listEvents(caseId)).filter((e) => e.type === 'appointment-rescheduled')).toHaveLength(2);
  });
});

describe('no automatic answer to a spoofed sender or to spam', () => {
  /** Sends a request and waits until its case waits for review: by then the acknowledgement would have gone. */
  async function openWith(mail: Record<string, unknown>) {
    const messageId = uniqueId('held');
    await t.sendMail({ ...request(victim), ...mail, messageId });
    const caseId = await caseOfMessage(messageId);
    const record = await drive.waitingFor(caseId, 'review');
    await drive.noticeSent(caseId, 'new-case');
    await t.stack.idle();
    return { caseId, record, acknowledgements: (await mailsTo(caseId, victim.address)).length, events: await t.cases.listEvents(caseId) };
  }

  it.each([
    ['a spam verdict of FAIL', 'spam=FAIL', 'thư rác'],
    ['a virus verdict of FAIL', 'virus=FAIL', 'virus'],
    ['a DMARC verdict of FAIL', 'spf=pass; dkim=fail; dmarc=fail', 'DMARC không đạt'],
    ['SPF and DKIM both FAIL where the domain publishes no DMARC', 'spf=fail; dkim=fail; dmarc=none', 'SPF và DKIM đều không đạt'],
  ])('opens a case marked "sender not verified", without acknowledgement, for %s; the desk is told why', async (_story, verdicts, why) => {
    const { caseId, record, acknowledgements, events } = await openWith({ headers: { 'X-Local-SES-Verdicts': verdicts } });

    expect(acknowledgements).toBe(0);
    expect(record.senderHold?.reasons.join(' ')).toContain(why);
    expect(events.some((e) => e.type === 'notice-sent' && e.data.notice === 'acknowledgement')).toBe(false);
    const desk = await drive.mail(caseId, 'kv1.canbo@hcm.thads.example', 'Hồ sơ mới');
    expect(desk.body.text).toContain('NGƯỜI GỬI CHƯA ĐƯỢC XÁC MINH');
    expect(desk.body.text).toContain(why);
    expect((record.checklist as { sender?: { status?: string } } | undefined)?.sender?.status).toBe('failed');
  });

  it('opens a case without acknowledgement for an ARF abuse report', async () => {
    const messageId = uniqueId('arf');
    await t.sendMail({ envelope: { from: 'fbl@isp.example', to: ['kv1@hcm.thads.example'] }, raw: report({ from: 'fbl@isp.example', messageId, reportType: 'feedback-report', subject: 'Abuse report', reportPart: ['message/feedback-report', 'Feedback-Type: abuse\r\nUser-Agent: SomeGenerator/1.0\r\nVersion: 1'], original: '<unrelated@example.org>' }) });
    const caseId = await caseOfMessage(messageId);
    const record = await drive.waitingFor(caseId, 'review');
    await drive.noticeSent(caseId, 'new-case');
    await t.stack.idle();

    expect((await t.outbox()).filter((m) => m.destination.to.includes('fbl@isp.example'))).toHaveLength(0);
    expect(record.senderHold?.reasons.join(' ')).toContain('ARF');
  });

  it.each([
    ['absent verdicts', {}],
    ['a GRAY spam verdict', { headers: { 'X-Local-SES-Verdicts': 'spam=GRAY' } }],
  ])('still acknowledges a sender with %s, shown as unverified', async (_story, mail) => {
    const { caseId, record } = await openWith(mail);

    await drive.noticeSent(caseId, 'acknowledgement');
    expect(record.senderHold).toBeUndefined();
    expect((record.checklist as { sender?: { status?: string } } | undefined)?.sender?.status).toBe('unverified');
  });

  it('keeps attachments that SES marks virus FAIL out of storage and out of the download list', async () => {
    const { caseId, events } = await openWith({ headers: { 'X-Local-SES-Verdicts': 'virus=FAIL' }, attachments: [{ filename: 'ban-an.pdf', content: Buffer.from('%PDF-1.4 EICAR'), contentType: 'application/pdf' }] });

    const [attachment] = events[0]!.data.attachments as Array<Record<string, unknown>>;
    expect(attachment).toMatchObject({ name: 'ban-an.pdf', quarantined: expect.stringContaining('virus') });
    expect(attachment).not.toHaveProperty('key');
    expect(caseId).toBeTruthy();
  });
});

describe('a delivery status notification (bounce) of our own mail', () => {
  it('is recorded on the case whose message it reports, read from its text/rfc822-headers part', async () => {
    const { caseId } = await drive.openCase(request(victim));
    const acknowledgement = await drive.noticeSent(caseId, 'acknowledgement');
    const dsnId = uniqueId('dsn');

    await t.sendMail({
      envelope: { from: '', to: ['kv1@hcm.thads.example'] },
      raw: report({ from: 'MAILER-DAEMON@mx.example.net', messageId: dsnId, reportType: 'delivery-status', subject: 'Undelivered Mail Returned to Sender', reportPart: ['message/delivery-status', 'Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; le.thi.thu@example.com\r\nAction: failed\r\nStatus: 5.1.1'], original: String(acknowledgement.data.messageId) }),
    });

    expect(await caseOfMessage(dsnId)).toBe(caseId);
    expect((await t.cases.getMessage(dsnId))?.disposition).toBe('automated');
    const recorded = await drive.event(caseId, 'automated-message-received');
    expect(recorded.data).toMatchObject({ kind: 'bounce', matchedBy: 'reported-message' });
  });
});

describe('every input has a bound and a clear fate', () => {
  it('opens a case for a 450 KB subject, keeping a bounded subject and saying what was cut (the raw mail stays whole)', async () => {
    const subject = `Đơn yêu cầu thi hành án ${'9'.repeat(450_000)}`;
    const messageId = uniqueId('huge-subject');

    await t.sendMail({ ...request(victim), subject, messageId });
    const caseId = await caseOfMessage(messageId);

    const record = await drive.waitingFor(caseId, 'review');
    expect([...record.subject].length).toBeLessThanOrEqual(998);
    expect(record.subject.startsWith('Đơn yêu cầu thi hành án 999')).toBe(true);
    const [received] = await t.cases.listEvents(caseId);
    expect(received!.data.cut).toEqual({ subjectLength: [...subject].length });
    await drive.noticeSent(caseId, 'acknowledgement');
  });

  it('stores an attachment whose 199-character name ends in an emoji, and caps To and Cc lists, saying how many were left out', async () => {
    const filename = `${'a'.repeat(199)}📄 bản án.pdf`;
    const messageId = uniqueId('bounds');
    const to = ['kv1@hcm.thads.example', ...Array.from({ length: 120 }, (_, i) => `nguoi${i}@example.com`)];

    await t.sendMail({ ...request(victim), to, envelope: { from: victim.address, to: ['kv1@hcm.thads.example'] }, messageId, attachments: [{ filename, content: Buffer.from('%PDF-1.4 bản án'), contentType: 'application/pdf' }] });
    const caseId = await caseOfMessage(messageId);

    await drive.waitingFor(caseId, 'review');
    const [received] = await t.cases.listEvents(caseId);
    const [attachment] = received!.data.attachments as Array<{ name: string; key: string }>;
    expect(attachment!.key).toContain(`cases/${caseId}/`);
    expect([...attachment!.name].length).toBeLessThanOrEqual(200);
    expect(received!.data.to).toHaveLength(50);
    expect(received!.data.cut).toEqual({ toOmitted: 71 });
  });

  it('refuses through the API an action body of 2,000 items (it would exceed Step Functions\' 256 KB), and the case still waits', async () => {
    const { caseId } = await drive.openCase(request(victim));
    const token = await signLocalToken(t.dataDir, { role: 'officer', office: 'HCMKV1', sub: 'u-lan', name: 'Trần Thị Lan' });

    const response = await fetch(`${t.stack.urls.api}/cases/${caseId}/review`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'request-more', missingItems: Array.from({ length: 2000 }, (_, i) => `Giấy tờ số ${i} ${'x'.repeat(200)}`) }),
    });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('missingItems: at most 50 items');
    expect((await t.cases.requireCase(caseId)).pendingStep?.step).toBe('review');
  });
});

describe('staff surfaces neutralise text', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const motcua = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot, env: { ...process.env, MOTCUA_API_URL: t.stack.urls.api, MOTCUA_DATA_DIR: t.dataDir, MOTCUA_TOKEN: '' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  /** ESC and 8-bit CSI start terminal sequences; the bidi overrides and isolates reorder what is shown. */
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these control characters.
  const TERMINAL_CONTROLS = /[\u001b\u009b\u0007\u202a-\u202e\u2066-\u2069]/;

  it('motcua queue and show print no terminal control from a subject, a name, or a value an officer typed', async () => {
    // Prepare: a request whose subject and name carry ESC sequences and a right-to-left override
    const { caseId } = await drive.openCase({ ...request({ name: 'Lê\u001b]0;pwned\u0007 Thị\u202e Thu', address: 'le.thi.thu@example.com' }), subject: 'Yêu cầu\u001b[2J\u001b[1;1H thi hành án \u009b31m' });
    const head = await signLocalToken(t.dataDir, { role: 'head', office: 'HCMKV1', sub: 'u-hai', name: 'Nguyễn Văn Hải' });
    const reassigned = await fetch(`${t.stack.urls.api}/cases/${caseId}/reassign`, { method: 'POST', headers: { authorization: `Bearer ${head}`, 'content-type': 'application/json' }, body: JSON.stringify({ assignee: 'lan\u001b[8m hidden\u202e' }) });
    expect(reassigned.status).toBe(200);

    // Act
    const queue = await motcua(['queue', '--as', 'officer:HCMKV1']);
    const show = await motcua(['show', caseId, '--as', 'officer:HCMKV1']);
    const showJson = await motcua(['show', caseId, '--json', '--as', 'officer:HCMKV1']);

    // Assess
    for (const run of [queue, show, showJson]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(TERMINAL_CONTROLS);
    }
    expect(show.stdout).toContain('assignee:  lan[8m hidden');
  });

  it('the CSV export neutralises a formula after ";" in a requester\'s name (Excel on Vietnamese Windows splits there)', async () => {
    // Prepare
    const { caseId } = await drive.openCase(request({ name: 'Trần Văn An;=HYPERLINK("http://x.example","Bấm")', address: 'tran.van.an@example.com' }));
    const head = await signLocalToken(t.dataDir, { role: 'head', office: 'HCMKV1', sub: 'u-hai', name: 'Nguyễn Văn Hải' });
    const received = (await t.cases.requireCase(caseId)).receivedAt;

    // Act
    const response = await fetch(`${t.stack.urls.api}/exports/cases?office=HCMKV1&period=${vietnamMonth(new Date(received))}&format=csv`, { headers: { authorization: `Bearer ${head}` } });
    const csv = await response.text();

    // Assess: the line of the case, split on ";" as Excel would, has no cell that starts a formula
    expect(response.status).toBe(200);
    const line = parseCsv(csv).find((fields) => fields.includes(caseId));
    expect(line?.join(',')).toContain('Trần Văn An;');
    const cells = line!.flatMap((field) => field.split(';'));
    expect(cells.filter((cell) => /^[ ]*[=+\-@]/.test(cell))).toEqual([]);
  });
});
