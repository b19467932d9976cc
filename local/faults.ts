import type { LambdaHandler } from './lambda/in-process-function';

/** A failure to inject: which function, which request (its `action` or `notice`), how often, as which error. */
export interface FaultRule {
  function: string;
  /** The request's `action` (workflow) or `notice` (notify); any request when absent. */
  request?: string;
  /** How many invocations fail; then the function works again. */
  times: number;
  error?: { name: string; message?: string };
}

/**
 * Failures injected into the functions, for tests and evaluation only: the handlers never know.
 * A matching invocation throws before the handler runs, as a function that crashed would.
 */
export class LocalFaults {
  private rules: Array<FaultRule & { left: number }> = [];
  /** Invocations failed so far, by `<function>:<request>`. */
  readonly injected = new Map<string, number>();

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times });
  }

  clear(): void {
    this.rules = [];
  }

  /** The handler with the faults in front of it. */
  wrap(functionName: string, handler: LambdaHandler): LambdaHandler {
    return async (event, context) => {
      const request = requestOf(event);
      const rule = this.rules.find((r) => r.left > 0 && r.function === functionName && (r.request === undefined || r.request === request));
      if (rule) {
        rule.left--;
        const key = `${functionName}:${request ?? ''}`;
        this.injected.set(key, (this.injected.get(key) ?? 0) + 1);
        const error = new Error(rule.error?.message ?? `injected failure of ${key}`);
        error.name = rule.error?.name ?? 'InjectedFault';
        throw error;
      }
      return handler(event, context);
    };
  }
}

function requestOf(event: unknown): string | undefined {
  const e = event as { action?: unknown; notice?: unknown } | null;
  return typeof e?.action === 'string' ? e.action : typeof e?.notice === 'string' ? e.notice : undefined;
}
