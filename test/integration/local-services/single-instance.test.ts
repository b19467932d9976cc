import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree } from '../../../local/services/ports';
import { acquireInstanceLock, AlreadyRunning } from '../../../local/services/single-instance';
import { testPort } from '../../support/ports';

const SQUAT_PORT = testPort(18500);

const dirs: string[] = [];
const children: ChildProcess[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-lock-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('single instance', () => {
  it('refuses a second start while the first runs, naming its pid and how to stop it', () => {
    // Prepare: another motcua (a live process) holds the lock
    const dataDir = tempDir();
    const other = spawn('sleep', ['30']);
    children.push(other);
    writeFileSync(path.join(dataDir, 'motcua.lock'), JSON.stringify({ pid: other.pid, startedAt: '2026-03-06T08:00:00.000Z', token: 'other' }));

    // Act + Assess
    expect(() => acquireInstanceLock(dataDir)).toThrow(AlreadyRunning);
    expect(() => acquireInstanceLock(dataDir)).toThrow(
      `motcua is already running (pid ${other.pid}, started at 2026-03-06T08:00:00.000Z); stop it with Ctrl-C in its terminal or kill ${other.pid}`,
    );
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    // Prepare
    const dataDir = tempDir();
    const gone = spawn('true');
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(path.join(dataDir, 'motcua.lock'), JSON.stringify({ pid: gone.pid, startedAt: '2026-03-06T08:00:00.000Z', token: 'gone' }));

    // Act
    const lock = acquireInstanceLock(dataDir);

    // Assess
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => acquireInstanceLock(dataDir)).toThrow(`motcua is already running (pid ${process.pid}`);
    lock.release();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    acquireInstanceLock(dataDir).release();
  });
});

describe('port check', () => {
  it('names the variable that moves a service off a taken port', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(SQUAT_PORT, '127.0.0.1', resolve));
    try {
      await expect(assertPortFree({ port: SQUAT_PORT, envVar: 'MOTCUA_SMTP_PORT', service: 'inbound SMTP' })).rejects.toThrow(
        `Cannot start inbound SMTP: port ${SQUAT_PORT} on 127.0.0.1 is already in use. Stop what is using it or set MOTCUA_SMTP_PORT to a free port.`,
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await expect(assertPortFree({ port: SQUAT_PORT, envVar: 'MOTCUA_SMTP_PORT' })).resolves.toBeUndefined();
  });
});
