import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));
export const WEB_DIST = join(WEB_DIR, 'dist');

/** The newest modification time under a folder (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** Whether web/dist is missing or older than the console's sources. */
export function consoleBuildIsStale(): boolean {
  const built = existsSync(join(WEB_DIST, 'index.html')) ? statSync(join(WEB_DIST, 'index.html')).mtimeMs : 0;
  const pages = readdirSync(WEB_DIR).filter((name) => name.endsWith('.html'));
  const sources = Math.max(newest(join(WEB_DIR, 'src')), ...pages.map((name) => newest(join(WEB_DIR, name))), newest(join(WEB_DIR, 'vite.config.ts')));
  return built < sources;
}

/** Builds the console with Vite when its build is missing or stale; answers whether it built. */
export async function ensureConsoleBuilt(log: (line: string) => void = () => undefined): Promise<boolean> {
  if (!consoleBuildIsStale()) return false;
  log('building the staff console (web/) ...');
  const { build } = await import('vite');
  await build({ root: WEB_DIR, configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}
