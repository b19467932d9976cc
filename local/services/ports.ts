import net from 'node:net';

export class PortUnavailable extends Error {
  override readonly name = 'PortUnavailable';
}

export interface PortCheck {
  port: number;
  /** The address the service will listen on. */
  host?: string;
  /** The environment variable that moves the service to another port, named in the error. */
  envVar?: string;
  /** What wants the port, e.g. "inbound SMTP", named in the error. */
  service?: string;
}

/**
 * Resolves when host:port can be listened on. Checked before starting a service because some
 * emulators fail late and obscurely on a taken port, and a probe could even succeed against
 * whatever else is listening there.
 */
export async function assertPortFree({ port, host = '127.0.0.1', envVar, service }: PortCheck): Promise<void> {
  const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const probe = net.createServer();
    probe.once('error', resolve);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
  if (!error) return;
  const who = service ? `Cannot start ${service}: port` : 'Port';
  const fix = envVar ? `set ${envVar} to a free port` : 'choose another port';
  if (error.code === 'EADDRINUSE') {
    throw new PortUnavailable(`${who} ${port} on ${host} is already in use. Stop what is using it or ${fix}.`);
  }
  throw new PortUnavailable(`${who} ${port} on ${host} cannot be used (${error.code ?? error.message}); ${fix}.`);
}
