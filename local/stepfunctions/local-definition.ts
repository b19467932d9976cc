import { readFileSync } from 'node:fs';

/**
 * How this engine differs from AWS Step Functions, and how the adapter makes up for it, in one place.
 * The ASL file on disk is never changed; the engine runs an in-memory copy adapted as follows.
 *
 * - Task timeouts: aws-local-stepfunctions evaluates TimeoutSecondsPath against the Parameters
 *   output (AWS: against the state input), times out in real time only, and overflows past
 *   24.8 days. The copy keeps the library's own timer out of the way (TimeoutSeconds at its safe
 *   maximum) and hands the real timeout, evaluated against the state input as AWS does, to the
 *   adapter, which enforces it on the local clock (so evaluation and tests can move time).
 * - The execution's top-level TimeoutSeconds is dropped for the same overflow (a year would fire at once).
 * - Task state input: the adapter also receives each Task's raw state input, so that after a
 *   restart an execution resumes at the Task it was in, with the input it had.
 * - `$$.Task.Token` does not resolve in the library: it resolves to TASK_TOKEN_PLACEHOLDER, which
 *   the adapter replaces with a real token before the task runs.
 */
export const LOCAL_FIELD = '__motcuaLocal';
export const PASSTHROUGH_FIELD = '__motcuaLocalInput';
export const TASK_TOKEN_PLACEHOLDER = '__MOTCUA_LOCAL_TASK_TOKEN__';

/** AWS's default when a Task gives no timeout. */
const AWS_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;
/** The longest timer the library can arm without overflowing setTimeout. */
const LIBRARY_SAFE_TIMEOUT_SECONDS = 2_147_483;

export interface LocalTaskFields {
  stateInput: unknown;
  timeoutSeconds: number;
}

type State = Record<string, unknown> & { Type: string };
export type Definition = Record<string, unknown> & { StartAt: string; States: Record<string, State> };

export function loadDefinition(path: string, substitutions: Record<string, string>): Definition {
  const text = readFileSync(path, 'utf8').replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${path} uses \${${name}}, which the local engine was not given`);
    return value;
  });
  return JSON.parse(text) as Definition;
}

export function adaptForLocalEngine(definition: Definition): Definition {
  const { TimeoutSeconds: _executionTimeout, ...rest } = definition;
  return { ...rest, States: Object.fromEntries(Object.entries(definition.States).map(([name, state]) => [name, adaptState(state)])) } as Definition;
}

function adaptState(state: State): State {
  if (state.Type !== 'Task') return state;
  const { TimeoutSeconds, TimeoutSecondsPath, Parameters, ...rest } = state;
  const local = {
    'stateInput.$': '$',
    ...(typeof TimeoutSecondsPath === 'string'
      ? { 'timeoutSeconds.$': TimeoutSecondsPath }
      : { timeoutSeconds: typeof TimeoutSeconds === 'number' ? TimeoutSeconds : AWS_DEFAULT_TASK_TIMEOUT_SECONDS }),
  };
  const parameters = Parameters === undefined ? { [`${PASSTHROUGH_FIELD}.$`]: '$', [LOCAL_FIELD]: local } : { ...(Parameters as object), [LOCAL_FIELD]: local };
  return { ...rest, Parameters: parameters, TimeoutSeconds: LIBRARY_SAFE_TIMEOUT_SECONDS };
}

/** Splits what the adapter added from what the task itself receives. */
export function splitTaskInput(input: Record<string, unknown>): { taskInput: unknown; local: LocalTaskFields } {
  const { [LOCAL_FIELD]: local, [PASSTHROUGH_FIELD]: passthrough, ...taskInput } = input;
  return { taskInput: PASSTHROUGH_FIELD in input ? passthrough : taskInput, local: local as LocalTaskFields };
}

/** Puts the real token where the state machine asked for `$$.Task.Token`. */
export function withTaskToken(value: unknown, token: string): unknown {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((v) => withTaskToken(v, token));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTaskToken(v, token)]));
  return value;
}
