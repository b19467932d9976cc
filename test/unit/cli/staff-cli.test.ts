import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { actionBody, CliError, formatTable, parseAs, parseTtl, periodQuery, queueQuery, tokenRequest, type FileOptions } from '../../../cli/commands/staff';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-cli-'));

function motcua(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/motcua.js', ...args], { cwd: repoRoot, env: { ...process.env, MOTCUA_DATA_DIR: dataDir, MOTCUA_TOKEN: '', MOTCUA_API_URL: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('motcua staff commands: arguments', () => {
  it.each([
    ['officer:HCMKV1', { role: 'officer', office: 'HCMKV1' }],
    ['head:HCM', { role: 'head', office: 'HCM' }],
    ['auditor:province:HCM', { role: 'auditor', scope: { kind: 'province', province: 'HCM' } }],
    ['auditor:office:HCMKV2', { role: 'auditor', scope: { kind: 'office', office: 'HCMKV2' } }],
    ['auditor:all', { role: 'auditor', scope: { kind: 'all' } }],
    ['admin', { role: 'admin' }],
  ])('--as %s', (text, request) => {
    expect(parseAs(text)).toEqual(request);
  });

  it.each([
    ['clerk:HCMKV1', /the role must be one of/],
    ['officer', /give the office/],
    ['officer:hcmkv1', /give the office/],
    ['auditor:HCM', /auditor's scope/],
    ['admin:HCM', /an admin has no office/],
  ])('refuses --as %s', (text, message) => {
    expect(() => parseAs(text)).toThrow(CliError);
    expect(() => parseAs(text)).toThrow(message);
  });

  it('reads token durations', () => {
    expect(parseTtl('3600')).toBe(3600);
    expect(parseTtl('8h')).toBe('8h');
    expect(() => parseTtl('8 hours')).toThrow(/not a duration/);
    expect(() => parseTtl('0')).toThrow(/not a duration/);
  });

  it('builds a token request, refusing what a role cannot be', () => {
    expect(tokenRequest({ role: 'head', office: 'HCM', ttl: '1h', name: 'Nguyễn Văn Hải' })).toEqual({ role: 'head', office: 'HCM', ttl: '1h', name: 'Nguyễn Văn Hải' });
    expect(() => tokenRequest({ role: 'officer', ttl: '8h' })).toThrow('an officer works in an office: give --office <CODE>');
    expect(() => tokenRequest({ role: 'auditor', ttl: '8h' })).toThrow(/give --scope/);
    expect(() => tokenRequest({ role: 'auditor', scope: 'country:VN', ttl: '8h' })).toThrow(/--scope "country:VN"/);
    expect(() => tokenRequest({ role: 'root', ttl: '8h' })).toThrow(/--role must be one of/);
  });

  it('builds an action body from the options, with --json over them', () => {
    expect(actionBody('review', { outcome: 'request-more', missing: ['bản sao bản án', 'CCCD'] })).toEqual({ outcome: 'request-more', missingItems: ['bản sao bản án', 'CCCD'] });
    expect(actionBody('review', { outcome: 'accept', json: '{"outcome":"refuse","reason":"x","legalBasis":"y"}' })).toEqual({ outcome: 'refuse', reason: 'x', legalBasis: 'y' });
    expect(actionBody('review', { outcome: 'accept', json: true })).toEqual({ outcome: 'accept' });
    expect(() => actionBody('review', { json: '{oops' })).toThrow(/must be a JSON object/);
    expect(() => actionBody('review', { json: '[1]' })).toThrow(/must be a JSON object/);
  });

  it('builds the queue query', () => {
    expect(queueQuery({ office: 'HCMKV1', breached: false, dueBefore: '2026-03-10', limit: '20' })).toBe('?office=HCMKV1&breached=false&dueBefore=2026-03-10&limit=20');
    expect(queueQuery({})).toBe('');
  });

  it('builds the query of a report, with the administrative basis when asked', () => {
    expect(String(periodQuery({ period: '2026-H1', basis: 'administrative', office: 'HCMKV1', format: 'xlsx' } as FileOptions))).toBe('period=2026-H1&basis=administrative&office=HCMKV1&format=xlsx');
    expect(String(periodQuery({ from: '2026-03-01', to: '2026-03-15', format: 'csv' } as FileOptions))).toBe('from=2026-03-01&to=2026-03-15&format=csv');
  });

  it('formats a table with aligned columns', () => {
    expect(formatTable(['CASE', 'DUE'], [['HCMKV1-2026-000001', '2026-03-03 09:00'], ['HCM-2026-000002', '']])).toBe(
      ['CASE                DUE', '------------------  ----------------', 'HCMKV1-2026-000001  2026-03-03 09:00', 'HCM-2026-000002'].join('\n'),
    );
  });
});

describe.concurrent('motcua staff commands: the program', () => {
  it.each(['queue', 'show', 'act', 'verify', 'export', 'report', 'token'])('%s --help explains the command', async (command) => {
    const run = await motcua([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: motcua ${command} `));
  });

  it('token prints a JWT with the claims of a Cognito ID token', async () => {
    const run = await motcua(['token', '--role', 'auditor', '--scope', 'province:HCM', '--name', 'Kiểm tra viên', '--ttl', '30m']);
    expect(run.code).toBe(0);
    const claims = decodeJwt(run.stdout.trim());
    expect(claims).toMatchObject({ 'cognito:groups': ['auditor'], 'custom:scope': 'province:HCM', name: 'Kiểm tra viên', iss: 'urn:motcua:local', aud: 'motcua-local' });
    expect(claims.exp! - claims.iat!).toBe(1800);
  });

  it.each([
    [['token', '--role', 'officer'], 'motcua: error: an officer works in an office: give --office <CODE>'],
    [['token'], "required option '--role <role>' not specified"],
    [['queue'], 'motcua: error: no token: give --token <jwt>, set MOTCUA_TOKEN, or use --as officer:HCMKV1'],
    [['queue', '--as', 'officer:HCMKV1', '--api', 'http://127.0.0.1:9'], 'motcua: error: cannot reach the motcua API at http://127.0.0.1:9'],
    [['act', 'HCMKV1-2026-000001', 'approve', '--as', 'officer:HCMKV1'], 'motcua: error: unknown action "approve": one of review, visit, decision, handover, register, answer, reassign'],
    [['report', '--format', 'pdf'], "argument 'pdf' is invalid"],
    [['report', '--period', '2026-H1', '--basis', 'fiscal'], "argument 'fiscal' is invalid"],
  ])('fails clearly, with a non-zero exit: %j', async (args, message) => {
    const run = await motcua(args);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});

describe('the checklist as `motcua show` prints it', () => {
  it('shows what was found, missing or unclear, the files, the sender and duplicates, and says that the officer decides', async () => {
    const { checklistLines } = await import('../../../cli/commands/staff');
    const lines = checklistLines({
      summary: 'Thiếu địa chỉ người phải thi hành án.',
      likelyProcedure: { code: 'enforcement-request', confidence: 'high' },
      sender: { status: 'verified', detail: 'DKIM hợp lệ' },
      attachments: [{ filename: 'Bản án 12.pdf', kind: 'judgment-pdf', reason: 'tên tệp có "bản án"' }],
      items: [
        { label: 'Họ tên, địa chỉ người yêu cầu', status: 'found' },
        { label: 'Địa chỉ người phải thi hành án', status: 'missing' },
        { label: 'Chữ ký hoặc điểm chỉ', status: 'unclear' },
      ],
      duplicates: [{ caseId: 'HCMKV1-2026-000003', likelihood: 'likely', reason: 'cùng bản án 12/2026/DS-ST' }],
    });
    expect(lines).toEqual([
      'checks (automatic; they help, the officer decides): Thiếu địa chỉ người phải thi hành án.',
      '  likely procedure: enforcement-request (high)',
      '  sender: verified — DKIM hợp lệ',
      '  file Bản án 12.pdf: judgment-pdf — tên tệp có "bản án"',
      '  [x] Họ tên, địa chỉ người yêu cầu',
      '  [ ] Địa chỉ người phải thi hành án',
      '  [?] Chữ ký hoặc điểm chỉ',
      '  likely duplicate of HCMKV1-2026-000003: cùng bản án 12/2026/DS-ST',
    ]);
  });
});
