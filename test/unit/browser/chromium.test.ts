import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseChromium, HOW_TO_GET_CHROMIUM, parseChromiumPaths, SYSTEM_CHROMIUM_PATHS } from '../../browser/support/chromium';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const system = ['/usr/bin/chromium', '/usr/bin/google-chrome'];
const playwright = '/home/ci/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
const present = (...paths: string[]) => (path: string) => paths.includes(path);

describe('finding Chromium for the browser tests', () => {
  it('takes MOTCUA_CHROMIUM first, even when a system Chromium is there', () => {
    expect(chooseChromium({ fromEnvironment: '/opt/chrome/chrome', systemPaths: system, playwrightPath: playwright, isExecutable: present('/opt/chrome/chrome', '/usr/bin/chromium', playwright) })).toEqual({ executablePath: '/opt/chrome/chrome', source: 'MOTCUA_CHROMIUM' });
  });

  it('refuses a MOTCUA_CHROMIUM that is not there rather than quietly using another browser', () => {
    expect(() => chooseChromium({ fromEnvironment: '/opt/missing', systemPaths: system, playwrightPath: playwright, isExecutable: present('/usr/bin/chromium') })).toThrow('MOTCUA_CHROMIUM is /opt/missing, which is not an executable file');
  });

  it('ignores an empty MOTCUA_CHROMIUM', () => {
    expect(chooseChromium({ fromEnvironment: ' ', systemPaths: system, playwrightPath: playwright, isExecutable: present('/usr/bin/chromium') }).source).toBe('system');
  });

  it('prefers the system Chromium, in the order listed, over Playwright’s download', () => {
    expect(chooseChromium({ fromEnvironment: undefined, systemPaths: system, playwrightPath: playwright, isExecutable: present('/usr/bin/google-chrome', playwright) })).toEqual({ executablePath: '/usr/bin/google-chrome', source: 'system' });
    expect(chooseChromium({ fromEnvironment: undefined, systemPaths: system, playwrightPath: playwright, isExecutable: present('/usr/bin/google-chrome', '/usr/bin/chromium') }).executablePath).toBe('/usr/bin/chromium');
  });

  it('falls back to Playwright’s own Chromium when it has been downloaded', () => {
    expect(chooseChromium({ fromEnvironment: undefined, systemPaths: system, playwrightPath: playwright, isExecutable: present(playwright) })).toEqual({ executablePath: playwright, source: 'playwright' });
  });

  it('fails, saying how to get a browser and where it looked, when there is none', () => {
    const none = () => chooseChromium({ fromEnvironment: undefined, systemPaths: system, playwrightPath: playwright, isExecutable: present() });
    expect(none).toThrow(HOW_TO_GET_CHROMIUM);
    expect(none).toThrow('apt-get install -y chromium');
    expect(none).toThrow('npx playwright-core install chromium');
    expect(none).toThrow(`Looked in: /usr/bin/chromium, /usr/bin/google-chrome, ${playwright}.`);
  });

  it('fails the same way where Playwright has no build for the platform', () => {
    expect(() => chooseChromium({ fromEnvironment: undefined, systemPaths: system, playwrightPath: undefined, isExecutable: present() })).toThrow('Looked in: /usr/bin/chromium, /usr/bin/google-chrome.');
  });
});

describe('one list of Chromium paths (scripts/chromium-paths.txt)', () => {
  it('is what the tests look in, and what scripts/chromium.sh looks in, in the same order', () => {
    const file = readFileSync(join(root, 'scripts/chromium-paths.txt'), 'utf8');
    expect(SYSTEM_CHROMIUM_PATHS).toEqual(parseChromiumPaths(file));
    expect(SYSTEM_CHROMIUM_PATHS[0]).toBe('/usr/bin/chromium');
    // the script holds no list of its own
    const script = readFileSync(join(root, 'scripts/chromium.sh'), 'utf8');
    for (const path of SYSTEM_CHROMIUM_PATHS.slice(1)) expect(script).not.toContain(path);
  });

  it('drives the shell script: the first executable of the list next to it wins, comments and blank lines skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-chromium-'));
    copyFileSync(join(root, 'scripts/chromium.sh'), join(dir, 'chromium.sh'));
    const second = join(dir, 'second-chrome');
    const third = join(dir, 'third-chrome');
    for (const fake of [second, third]) {
      writeFileSync(fake, '#!/bin/sh\n');
      chmodSync(fake, 0o755);
    }
    writeFileSync(join(dir, 'chromium-paths.txt'), `# a comment\n\n${join(dir, 'absent-chrome')}\n${second}\n${third}`);
    const { MOTCUA_CHROMIUM: _ignored, ...env } = process.env;
    const out = execFileSync('bash', [join(dir, 'chromium.sh')], { env, encoding: 'utf8' });
    expect(out.trim()).toBe(`Chromium: ${second}`);
    expect(parseChromiumPaths(readFileSync(join(dir, 'chromium-paths.txt'), 'utf8'))).toEqual([join(dir, 'absent-chrome'), second, third]);
  });
});
