import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import aslValidator from 'asl-validator';

const MACHINES = ['enforcement-request', 'human-step'];

/** Placeholders filled as CDK fills them, so the validator checks real ARNs. */
function substituted(name: string): Record<string, any> {
  const text = readFileSync(new URL(`../../../statemachines/${name}.asl.json`, import.meta.url), 'utf8').replace(/\$\{(\w+)\}/g, (_, placeholder: string) =>
    placeholder.endsWith('StateMachineArn') ? 'arn:aws:states:ap-southeast-1:123456789012:stateMachine:HumanStep' : `arn:aws:lambda:ap-southeast-1:123456789012:function:${placeholder}`,
  );
  return JSON.parse(text);
}

describe.each(MACHINES)('the %s state machine', (name) => {
  const definition = substituted(name);

  it('is valid Amazon States Language (asl-validator, with ARN and path checks)', () => {
    const { isValid, errorsText } = aslValidator(definition, { checkArn: true, checkPaths: true });
    expect(errorsText('\n')).toBe('');
    expect(isValid).toBe(true);
  });

  it('gives every Task a timeout, and a Catch that leads to a state recording what happened (or retries that state itself)', () => {
    for (const [stateName, state] of Object.entries<Record<string, any>>(definition.States)) {
      if (state.Type !== 'Task') continue;
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, stateName).toBeDefined();
      if (stateName === 'Report the failure') {
        expect(state.Retry?.[0]?.ErrorEquals, stateName).toEqual(['States.ALL']);
        continue;
      }
      const catchAll = (state.Catch ?? []).find((c: { ErrorEquals: string[] }) => c.ErrorEquals.includes('States.ALL'));
      expect(catchAll?.Next, stateName).toBe('Report the failure');
    }
  });

  it('has a state for every transition target and no state that nothing reaches', () => {
    const states = definition.States as Record<string, Record<string, any>>;
    const targets = new Set<string>([definition.StartAt]);
    for (const state of Object.values(states)) {
      for (const next of [state.Next, state.Default, ...(state.Choices ?? []).map((c: { Next: string }) => c.Next), ...(state.Catch ?? []).map((c: { Next: string }) => c.Next)]) {
        if (next) targets.add(next);
      }
    }
    expect([...targets].filter((t) => !(t in states))).toEqual([]);
    expect(Object.keys(states).filter((s) => !targets.has(s))).toEqual([]);
  });
});
