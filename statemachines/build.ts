/**
 * Builds the state machines from their parts: `npm run build:asl` writes
 * statemachines/<machine>.asl.json (what CDK and local/ load); `--check` only says whether the
 * committed files are what the parts build (the unit tests check the same).
 *
 * A machine (machines/<name>.json) names its parts (parts/<part>/states.json) and holds the states
 * no part owns (the end, the failure reporter). The build
 * - puts the parts' states together, refusing a name used twice;
 * - replaces each Task's policy names ("Retry": ["conflict", ...]) by the retriers of policies.ts,
 *   refusing a Task whose policies are not exactly those its kind requires;
 * - ends each Task's Catch list with the catch-all that leads to the machine's failure reporter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requiredPolicies, retriersOf } from './policies';

export const STATEMACHINES_DIR = path.dirname(fileURLToPath(import.meta.url));
export const MACHINE_NAMES = ['enforcement-request', 'human-step'] as const;
export type MachineName = (typeof MACHINE_NAMES)[number];

export type State = Record<string, unknown> & { Type: string };
export interface MachineSource {
  Comment: string;
  StartAt: string;
  TimeoutSeconds: number;
  /** The Task that records a failure on the case; every other Task's catch-all leads there. */
  ReportFailureAt: string;
  /** Where a resumed execution starts (see resumeChoice); absent for a machine that is never resumed on its own. */
  Resume?: {
    StateName: string;
    Comment?: string;
    /** A wait → the Task before it that reads its clock from the case. */
    Waits?: Record<string, string>;
    /** A Task the machine no longer has, joined into another → that Task, which now does its work (idempotently). */
    Joined?: Record<string, string>;
  };
  Parts: string[];
  States: Record<string, State>;
}

/** What a resumed execution's input names: the state to start at. */
export const RESUME_FIELD = 'resumeAt';
/** What the first Task of a resumable machine fails with when its input is a resume (shared/workflow/resume.ts). */
export const RESUME_ERROR = 'ResumeRequested';
const UNKNOWN_RESUME_POINT = 'Unknown resume point';

export class InvalidStateMachinePart extends Error {
  override readonly name = 'InvalidStateMachinePart';
}

export const builtPath = (machine: MachineName) => path.join(STATEMACHINES_DIR, `${machine}.asl.json`);
const readJson = <T>(...segments: string[]): T => JSON.parse(readFileSync(path.join(STATEMACHINES_DIR, ...segments), 'utf8')) as T;

/** The ASL of one machine, as an object, from the files of its parts. */
export function buildMachine(name: MachineName): Record<string, unknown> {
  const machine = readJson<MachineSource>('machines', `${name}.json`);
  const parts = Object.fromEntries(machine.Parts.map((part) => [part, readJson<Record<string, State>>('parts', part, 'states.json')]));
  return assemble(name, machine, parts);
}

/** Puts a machine together from its source and its parts' states (what buildMachine reads). */
export function assemble(name: string, machine: MachineSource, parts: Record<string, Record<string, State>>): Record<string, unknown> {
  const states: Record<string, State> = {};
  const owner = new Map<string, string>();
  const add = (from: string, part: Record<string, State>) => {
    for (const [stateName, state] of Object.entries(part)) {
      if (owner.has(stateName)) throw new InvalidStateMachinePart(`state '${stateName}' is defined in ${owner.get(stateName)} and in ${from}`);
      owner.set(stateName, from);
      states[stateName] = withPolicies(stateName, state, machine.ReportFailureAt, from);
    }
  };
  for (const part of machine.Parts) {
    const partStates = parts[part];
    if (!partStates) throw new InvalidStateMachinePart(`${name}: part '${part}' has no states`);
    add(`parts/${part}`, partStates);
  }
  add(`machines/${name}.json`, machine.States);
  if (!states[machine.ReportFailureAt]) throw new InvalidStateMachinePart(`${name}: the failure reporter '${machine.ReportFailureAt}' is no state`);
  if (!machine.Resume) return { Comment: machine.Comment, StartAt: machine.StartAt, TimeoutSeconds: machine.TimeoutSeconds, States: states };
  const resume = resumeChoice(machine, states);
  const unknown: State = {
    Type: 'Pass',
    Comment: 'A resume that names no Task of this machine: reported, never guessed.',
    Parameters: { Error: 'UnknownResumePoint', 'Cause.$': `$.${RESUME_FIELD}` },
    ResultPath: '$.failure',
    Next: machine.ReportFailureAt,
  };
  const first = states[machine.StartAt]!;
  const resumeCatch = { ErrorEquals: [RESUME_ERROR], ResultPath: '$.resumeRequested', Next: machine.Resume.StateName };
  return {
    Comment: machine.Comment,
    StartAt: machine.StartAt,
    TimeoutSeconds: machine.TimeoutSeconds,
    States: { ...states, [machine.StartAt]: withCatchFirst(first, resumeCatch), [machine.Resume.StateName]: resume, [UNKNOWN_RESUME_POINT]: unknown },
  };
}

/** Puts a catch before the Task's others (before the catch-all that the build added last). */
function withCatchFirst(state: State, catcher: Record<string, unknown>): State {
  return { ...state, Catch: [catcher, ...((state.Catch as unknown[] | undefined) ?? [])] };
}

/**
 * Where a resumed execution goes. A new execution starts at the machine's StartAt, a Task that
 * recognises a resumed input (it names `resumeAt`, the Task the last execution was in) and fails
 * with `ResumeRequested`, caught into this Choice: it goes straight to that Task, with the input
 * it had there. A wait goes to the Task before it that reads its clock from the case, so the
 * deadline stays what it was. A Task joined into another (`Joined`) goes to the one that now does its
 * work: an execution that ended there resumes with what is left of it. A resume costs two transitions
 * more; a new execution, none.
 */
function resumeChoice(machine: MachineSource, states: Record<string, State>): State {
  const { StateName, Comment, Waits = {}, Joined = {} } = machine.Resume!;
  if (states[StateName]) throw new InvalidStateMachinePart(`the resume state '${StateName}' is also defined in a part`);
  if (states[machine.StartAt]?.Type !== 'Task') throw new InvalidStateMachinePart(`a resumable machine starts at a Task that recognises a resume; '${machine.StartAt}' is no Task`);
  for (const [wait, reader] of Object.entries(Waits)) {
    if (states[wait]?.Type !== 'Task' || states[reader]?.Type !== 'Task') throw new InvalidStateMachinePart(`Resume.Waits: '${wait}' and '${reader}' must both be Tasks`);
  }
  for (const [removed, into] of Object.entries(Joined)) {
    if (states[removed]) throw new InvalidStateMachinePart(`Resume.Joined: '${removed}' is still a state of the machine`);
    if (states[into]?.Type !== 'Task') throw new InvalidStateMachinePart(`Resume.Joined: '${removed}' is joined into '${into}', which is no Task`);
  }
  // The first Task resumes itself: it fails with ResumeRequested only when the resume names another Task.
  const resumable = Object.keys(states).filter((n) => states[n]!.Type === 'Task' && n !== machine.ReportFailureAt && n !== machine.StartAt);
  return {
    Type: 'Choice',
    ...(Comment ? { Comment } : {}),
    Choices: [...resumable.map((n) => ({ Variable: `$.${RESUME_FIELD}`, StringEquals: n, Next: Waits[n] ?? n })), ...Object.entries(Joined).map(([removed, into]) => ({ Variable: `$.${RESUME_FIELD}`, StringEquals: removed, Next: into }))],
    Default: UNKNOWN_RESUME_POINT,
  };
}

function withPolicies(stateName: string, state: State, reportFailureAt: string, from: string): State {
  if (state.Type !== 'Task') return state;
  const isReporter = stateName === reportFailureAt;
  const named = state.Retry;
  if (!Array.isArray(named) || named.some((n) => typeof n !== 'string')) {
    throw new InvalidStateMachinePart(`${from}: Task '${stateName}' must name its retry policies ("Retry": ["conflict", ...]), not spell out retriers`);
  }
  const required = requiredPolicies(state as { Resource?: unknown; Catch?: Array<{ ErrorEquals: string[] }> }, isReporter);
  const missing = required.filter((p) => !named.includes(p));
  const extra = (named as string[]).filter((p) => !(required as string[]).includes(p));
  if (missing.length || extra.length) {
    throw new InvalidStateMachinePart(
      `${from}: Task '${stateName}' takes the policies [${named.join(', ')}]; a Task of its kind takes [${required.join(', ')}]` +
        (missing.length ? ` (missing ${missing.join(', ')})` : '') +
        (extra.length ? ` (not for it: ${extra.join(', ')})` : ''),
    );
  }
  const catches = Array.isArray(state.Catch) ? (state.Catch as Array<{ ErrorEquals: string[] }>) : [];
  if (catches.some((c) => c.ErrorEquals.includes('States.ALL'))) {
    throw new InvalidStateMachinePart(`${from}: Task '${stateName}' catches States.ALL itself; the build adds the catch-all to '${reportFailureAt}'`);
  }
  const catchAll = { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: reportFailureAt };
  // Keep the part's key order, with Catch right after Retry, so the built file reads like the part.
  const built: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (key === 'Catch') continue;
    built[key] = key === 'Retry' ? retriersOf(named as string[]) : value;
    if (key === 'Retry' && !isReporter) built.Catch = [...catches, catchAll];
  }
  return built as State;
}

/** The text of the built file, as committed. */
export const builtText = (name: MachineName) => `${JSON.stringify(buildMachine(name), null, 2)}\n`;

function main(argv: string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const name of MACHINE_NAMES) {
    const text = builtText(name);
    const current = readFileSync(builtPath(name), 'utf8');
    if (text === current) continue;
    if (check) {
      stale++;
      console.error(`${path.relative(process.cwd(), builtPath(name))} is not what its parts build: run npm run build:asl`);
    } else {
      writeFileSync(builtPath(name), text);
      console.log(`wrote ${path.relative(process.cwd(), builtPath(name))}`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
