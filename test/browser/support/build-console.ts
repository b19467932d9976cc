import { ensureConsoleBuilt } from '../../../local/console/build-console';
import { ensureDeskSiteBuilt } from '../../../local/desk-site/desk-site';

/**
 * vitest's global setup for the browser project: builds the console and the public desk site once (when web/dist is missing
 * or older than its sources) before the files, each with its own stack, serve it.
 */
export default async function buildConsole(): Promise<void> {
  await ensureConsoleBuilt((line) => console.log(`[browser tests] ${line}`));
  await ensureDeskSiteBuilt((line) => console.log(`[browser tests] ${line}`));
}
