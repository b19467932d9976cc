import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import { assertPortFree } from './ports';
import { waitUntilReady } from './readiness';
import type { LogSink, RunningService } from './running-service';

export interface SesOutboxOptions {
  port: number;
  onLog?: LogSink;
  portEnvVar?: string;
}

/**
 * One sent message as `GET /store` shows it (aws-ses-v2-local 2.10.2). For a Raw send every field
 * comes from the MIME parsed by mailparser, and the request's Destination is ignored: subject
 * and text are decoded (RFC 2047, transfer encodings); `from` is formatted ('"Name" <a@b>');
 * `to`/`cc`/`bcc` hold one string per header line, so "To: a@x, b@x" is the one entry
 * "a@x, b@x", and Bcc (not in the headers) is always empty.
 * Example (Raw): { messageId: 'ses-877103102', from: '"Bộ phận một cửa" <motcua@hcm.thads.example>',
 *   replyTo: [], destination: { to: ['a@example.com, b@example.com'], cc: ['c@example.com'], bcc: [] },
 *   subject: 'Xác nhận đã nhận yêu cầu [HCMKV1-2026-000001]', body: { text: 'Kính gửi', html: '<p>Kính gửi</p>' },
 *   attachments: [{ type: 'attachment', content: 'eA==', contentType: 'application/pdf', partId: '2', release: null,
 *   contentDisposition: 'attachment', filename: 'Phiếu.pdf', headers: {}, checksum: '9dd4…', size: 1 }], at: 1795424989 }
 */
export interface OutboxEmail {
  messageId: string; // "ses-<9 digits>", the MessageId the sender got back
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string }; // html absent when there is none
  /** Raw sends add mailparser's fields (type, partId, contentDisposition, checksum, cid, ...). */
  attachments: { content: string /* base64 */; contentType: string; filename?: string; size: number; [field: string]: unknown }[];
  headers?: { name: string; value: string }[]; // Simple and Template sends only
  at: number; // epoch seconds
}

/** `GET /store` (optionally `?since=<epoch seconds>`); `POST /clear-store` empties it. */
export interface OutboxStore {
  emails: OutboxEmail[];
  templates: Record<string, unknown>;
}

type SesServer = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

const SERVICE = 'SES outbox (aws-ses-v2-local)';

/**
 * Starts aws-ses-v2-local in this process: SES v1 (POST / with Action=SendEmail|SendRawEmail)
 * and v2 (POST /v2/email/outbound-emails) sends land in an in-memory outbox at /store, and a
 * viewer at /. The outbox lives in the package's module state: it is lost on restart and shared
 * by every instance started in the same process.
 */
export async function startSesOutbox({ port, onLog, portEnvVar }: SesOutboxOptions): Promise<RunningService> {
  await assertPortFree({ port, envVar: portEnvVar, service: SERVICE });
  // Required, not imported: its CommonJS default export is seen differently by tsx and vitest.
  const { default: serve } = createRequire(import.meta.url)('aws-ses-v2-local') as { default: SesServer };
  // Resolves even when listening failed (express reports the error to a callback it ignores),
  // hence the port check above and the probe below.
  const server = await serve({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  try {
    await waitUntilReady({
      service: SERVICE,
      port,
      timeoutMs: 60_000,
      probe: async () => {
        const response = await fetch(`${url}/health-check`);
        if (!response.ok) throw new Error(`GET /health-check answered ${response.status}`);
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  onLog?.(`${SERVICE} ready on ${url}; outbox at ${url}/store`);
  return { name: 'ses', url, stop };
}

/** Reads the outbox over HTTP, as a test or the CLI would. */
export async function readOutbox(url: string, since?: number): Promise<OutboxStore> {
  const response = await fetch(`${url}/store${since === undefined ? '' : `?since=${since}`}`);
  if (!response.ok) throw new Error(`GET /store answered ${response.status}`);
  return (await response.json()) as OutboxStore;
}

/** Empties the outbox (and the templates): between end-to-end scenarios. */
export async function clearOutbox(url: string): Promise<void> {
  const response = await fetch(`${url}/clear-store`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`POST /clear-store answered ${response.status}`);
}
