/**
 * Maps a stack trace of a deployed function to the TypeScript sources. The functions do not load their
 * source maps (no --enable-source-maps: it slows every cold start); the maps ship beside the code in the
 * function's package. Usage:
 *   tsx scripts/map-stack-trace.ts <unzipped function code> < trace.txt
 * Frames such as `file:///var/task/index.mjs:1:2345` or `/var/task/chunks/x.mjs:1:99` are rewritten as
 * `functions/api/handler.ts:42:7`; other lines are printed as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

const FRAME = /(?:file:\/\/)?\/var\/task\/([^\s:)]+\.mjs):(\d+):(\d+)/g;

/** A source as the map names it, relative to where the bundle was built (../../shared/x.ts), as a path of the repository. */
const repositoryPath = (source: string) => source.replace(/^file:\/\//, '').replace(/^(\.\.\/)+/, '');

export function mapStackTrace(trace: string, codeDir: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string) => {
    if (!maps.has(file)) {
      const mapFile = path.join(codeDir, `${file}.map`);
      maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined);
    }
    return maps.get(file);
  };
  return trace.replace(FRAME, (frame, file: string, line: string, column: string) => {
    // findOrigin takes and gives the 1-based line and column of stack traces.
    const origin = mapOf(file)?.findOrigin(Number(line), Number(column));
    if (!origin || !('fileName' in origin)) return frame;
    return `${repositoryPath(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const codeDir = process.argv[2];
  if (!codeDir) {
    console.error('usage: tsx scripts/map-stack-trace.ts <unzipped function code> < trace.txt');
    process.exit(2);
  }
  process.stdout.write(mapStackTrace(readFileSync(0, 'utf8'), codeDir));
}
