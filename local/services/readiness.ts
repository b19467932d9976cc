export class ServiceDidNotStart extends Error {
  override readonly name = 'ServiceDidNotStart';
}

export interface ReadinessCheck {
  service: string;
  port: number;
  /** One attempt to use the service over its real protocol; resolves when it answers. */
  probe: () => Promise<unknown>;
  timeoutMs?: number;
  intervalMs?: number;
  /** Why waiting is pointless (e.g. the process exited), or undefined to keep waiting. */
  failure?: () => string | undefined;
}

/** Polls the probe until it succeeds; returns how long that took in milliseconds. */
export async function waitUntilReady({ service, port, probe, timeoutMs = 30_000, intervalMs = 100, failure }: ReadinessCheck): Promise<number> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    const failed = failure?.();
    if (failed) throw new ServiceDidNotStart(`${service} on port ${port} did not start: ${failed}`);
    try {
      await probe();
      return Date.now() - started;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const cause = lastError instanceof Error ? lastError.message : String(lastError);
      throw new ServiceDidNotStart(
        `${service} on port ${port} was not ready after ${Math.round(timeoutMs / 1000)} s (last probe: ${cause}). Is the port in use by something else?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
