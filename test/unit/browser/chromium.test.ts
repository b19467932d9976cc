import { describe, expect, it } from 'vitest';
import { chooseChromium, HOW_TO_GET_CHROMIUM } from '../../browser/support/chromium';

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
