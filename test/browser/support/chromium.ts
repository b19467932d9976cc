import { accessSync, constants, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** The list of places, one a line with `#` comments: scripts/chromium.sh reads the same file (it runs before npm ci). */
export const CHROMIUM_PATHS_FILE = new URL('../../../scripts/chromium-paths.txt', import.meta.url);

export function parseChromiumPaths(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Where the browser tests look for a system Chromium, in the order they look. */
export const SYSTEM_CHROMIUM_PATHS = parseChromiumPaths(readFileSync(CHROMIUM_PATHS_FILE, 'utf8'));

export interface FoundChromium {
  executablePath: string;
  /** Why this one: the variable, the system package, or Playwright's own download. */
  source: 'MOTCUA_CHROMIUM' | 'system' | 'playwright';
}

export interface ChromiumSearch {
  /** The value of MOTCUA_CHROMIUM, if set. */
  fromEnvironment: string | undefined;
  systemPaths: readonly string[];
  /** Where Playwright's own Chromium would be once `playwright-core install chromium` has run. */
  playwrightPath: string | undefined;
  isExecutable: (path: string) => boolean;
}

/** How to get a browser, said whenever none is found: a browser test fails with this, it never skips. */
export const HOW_TO_GET_CHROMIUM = [
  'The browser tests need Chromium and found none. Either:',
  '  - on Debian or Ubuntu: `sudo apt-get install -y chromium` (or run scripts/chromium.sh, as .ci/run does);',
  '  - where downloads work: `npx playwright-core install chromium`;',
  '  - or point MOTCUA_CHROMIUM at a Chromium or Chrome executable.',
].join('\n');

/**
 * The decision alone, so that it can be tested without a browser: MOTCUA_CHROMIUM wins (and must be
 * right: a wrong path is an error, not a reason to fall back), then a system Chromium, then
 * Playwright's own download, else an error saying how to get one.
 */
export function chooseChromium(search: ChromiumSearch): FoundChromium {
  const { fromEnvironment, systemPaths, playwrightPath, isExecutable } = search;
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== '') {
    if (!isExecutable(fromEnvironment)) throw new Error(`MOTCUA_CHROMIUM is ${fromEnvironment}, which is not an executable file.\n${HOW_TO_GET_CHROMIUM}`);
    return { executablePath: fromEnvironment, source: 'MOTCUA_CHROMIUM' };
  }
  const system = systemPaths.find(isExecutable);
  if (system) return { executablePath: system, source: 'system' };
  if (playwrightPath && isExecutable(playwrightPath)) return { executablePath: playwrightPath, source: 'playwright' };
  const looked = [...systemPaths, ...(playwrightPath ? [playwrightPath] : [])].join(', ');
  throw new Error(`${HOW_TO_GET_CHROMIUM}\n(Looked in: ${looked}.)`);
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright has no build for this platform: there is no download to look for.
    return undefined;
  }
}

/** The Chromium the browser tests drive on this machine. */
export function findChromium(): FoundChromium {
  return chooseChromium({ fromEnvironment: process.env.MOTCUA_CHROMIUM, systemPaths: SYSTEM_CHROMIUM_PATHS, playwrightPath: playwrightChromiumPath(), isExecutable: isExecutableFile });
}
