import { createHash } from 'node:crypto';
import { lookupService } from 'node:dns';
import net from 'node:net';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { officeByAddress, type OfficeDirectory } from '../../shared/offices/directory';
import { LOCAL_REGION } from './aws-local';
import { assertPortFree } from './ports';
import { waitUntilReady } from './readiness';
import type { LogSink, RunningService } from './running-service';
import { objectCreatedEvent } from './s3-event';
import { LOCAL_RECEIVING_HOST, localVerdictsOf, sesMessageId, sesReceiptHeaders } from './ses-receipt';

/** SES receiving refuses messages over 40 MB, headers included. */
export const SES_MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface InboundMailboxOptions {
  host?: string;
  port?: number;
  directory: OfficeDirectory;
  /** Must be built with localS3ClientConfig (see s3.ts). */
  s3: S3Client;
  bucket: string;
  prefix?: string;
  maxMessageBytes?: number;
  /** Stands in for the bucket notification; a failure is logged, the message stays stored. */
  onObjectCreated: (event: S3Event) => Promise<void>;
  now?: () => Date;
  onLog?: LogSink;
  region?: string;
  portEnvVar?: string;
}

const SERVICE = 'inbound SMTP (SES receiving stand-in)';

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/**
 * The stand-in for SES receiving: an SMTP server that accepts mail for the offices' addresses
 * only, stores each message in the inbound bucket as the SES S3 action does (its headers
 * prepended, the original bytes untouched, key <prefix><message id>) and then raises the S3
 * event. It answers 250 only once the message is stored, so a sender never loses one: a store
 * failure is a 451 and the sender retries.
 */
export async function startInboundMailbox(options: InboundMailboxOptions): Promise<RunningService> {
  const { host = '127.0.0.1', port = 2525, directory, s3, bucket, prefix = 'inbound/', maxMessageBytes = SES_MAX_MESSAGE_BYTES } = options;
  const { onObjectCreated, now = () => new Date(), onLog, region = LOCAL_REGION } = options;
  await assertPortFree({ port, host, envVar: options.portEnvVar, service: SERVICE });

  /** Stores the message and hands the event over; resolves with the SES message id. */
  async function receive(message: Buffer[], session: SMTPServerSession, receivedAt: Date): Promise<string> {
    const messageId = sesMessageId();
    const { envelope } = session;
    const headers = sesReceiptHeaders({
      messageId,
      receivedAt,
      mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
      rcptTo: envelope.rcptTo.map((r) => r.address),
      helo: session.hostNameAppearsAs || 'unknown',
      clientHostname: session.clientHostname && !session.clientHostname.startsWith('[') ? session.clientHostname : undefined,
      clientIp: session.remoteAddress.replace(/^::ffff:/, ''),
      verdicts: localVerdictsOf(Buffer.concat(message)),
    });
    const raw = Buffer.concat([Buffer.from(headers, 'utf8'), ...message]);
    const key = `${prefix}${messageId}`;
    const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw, ContentLength: raw.length }));
    const eTag = put.ETag?.replace(/"/g, '') ?? createHash('md5').update(raw).digest('hex');
    const event = objectCreatedEvent({ region, bucket, key, size: raw.length, eTag, at: now(), requestId: put.$metadata.requestId });
    onLog?.(`inbound: stored s3://${bucket}/${key} (${raw.length} bytes) for ${envelope.rcptTo.map((r) => r.address).join(', ')}`);
    try {
      await onObjectCreated(event);
    } catch (error) {
      onLog?.(`inbound: the object-created handler failed for ${key} (the message is stored): ${error instanceof Error ? error.stack : String(error)}`);
    }
    return messageId;
  }

  const inFlight = new Set<Promise<unknown>>();

  function onData(stream: SMTPServerDataStream, session: SMTPServerSession, reply: (error?: Error | null, message?: string) => void) {
    let replied = false;
    const callback: typeof reply = (error, message) => {
      if (!replied) reply(error, message);
      replied = true;
    };
    const message: Buffer[] = [];
    // Over the limit, the rest is only drained: rejectOversized answers 552 5.3.4 whatever we say.
    stream.on('data', (chunk: Buffer) => stream.sizeExceeded || message.push(chunk));
    stream.once('error', (error) => callback(smtpError(451, `Temporary failure reading the message, please retry: ${error.message}`)));
    stream.once('end', () => {
      const receivedAt = now(); // the SMTP accept time: end of DATA
      if (stream.sizeExceeded) return callback(smtpError(552, 'Message too big'));
      const work = receive(message, session, receivedAt).then(
        (messageId) => callback(null, `Ok ${messageId}`),
        (error: unknown) => {
          onLog?.(`inbound: could not store a message, answered 451: ${error instanceof Error ? error.message : String(error)}`);
          callback(smtpError(451, 'Temporary failure storing the message, please retry later'));
        },
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
  }

  const server = new SMTPServer({
    name: LOCAL_RECEIVING_HOST,
    banner: 'motcua local stand-in for Amazon SES receiving',
    // Local and loopback only: no authentication, no TLS.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    allowInsecureAuth: true,
    size: maxMessageBytes, // advertised in EHLO and checked against MAIL FROM SIZE=
    rejectOversized: true, // and enforced on the bytes actually sent
    hideENHANCEDSTATUSCODES: false, // smtp-server hides them by default; SES sends them (550 5.1.1, 552 5.3.4)
    logger: false,
    closeTimeout: 2_000,
    // dns.reverse asks a DNS server (none here, so a 1.5 s stall per connection); getnameinfo reads /etc/hosts.
    resolver: { reverse: (ip, done) => lookupService(ip, 0, (error, hostname) => done(error, hostname ? [hostname] : [])) },
    onRcptTo(address, _session, callback) {
      if (officeByAddress(directory, address.address)) return callback();
      onLog?.(`inbound: refused RCPT TO <${address.address}>: not an office mailbox`);
      callback(smtpError(550, `Mailbox unavailable: <${address.address}> is not an office mailbox of this agency (${directory.agency.mailDomain})`));
    },
    onData,
  });
  server.on('error', (error) => onLog?.(`inbound: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const url = `smtp://${host}:${port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...inFlight]); // a message being stored is finished, not cut off
  };
  try {
    await waitUntilReady({ service: SERVICE, port, timeoutMs: 60_000, probe: () => smtpGreeting(host, port) });
  } catch (error) {
    await stop();
    throw error;
  }
  onLog?.(`${SERVICE} listening on ${url} for ${directory.offices.map((o) => o.email).join(', ')}`);
  return { name: 'inbound-smtp', url, stop };
}

/** Connects, reads the 220 greeting and says QUIT: the server answers SMTP. */
function smtpGreeting(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3_000, () => socket.destroy(new Error('no greeting within 3 s')));
    socket.once('error', reject);
    socket.once('data', (data) => {
      socket.end('QUIT\r\n');
      if (data.toString().startsWith('220')) resolve();
      else reject(new Error(`unexpected greeting: ${data.toString().trim()}`));
    });
  });
}
