import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: CDK entries (handlers, ASL, config) are resolved from here, not from the cwd. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const fromProjectRoot = (...segments: string[]): string => path.join(projectRoot, ...segments);
