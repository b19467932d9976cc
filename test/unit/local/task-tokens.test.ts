import { describe, expect, it } from 'vitest';
import { TaskTokenError, TaskTokens } from '../../../local/stepfunctions/task-tokens';

const EXECUTION = 'arn:aws:states:ap-southeast-1:000000000000:execution:enforcement-request:HCMKV1-2026-000001';

/** The code of the TaskTokenError thrown by `act`, as the SFN endpoint would report it. */
function errorCode(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(TaskTokenError);
    expect((error as TaskTokenError).name).toBe((error as TaskTokenError).code);
    return (error as TaskTokenError).code;
  }
  return undefined;
}

describe('a task waiting for an officer’s callback', () => {
  it('resumes with the output of SendTaskSuccess', async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');
    const outcome = tokens.outcome(token);

    // Act
    tokens.succeed(token, { decision: 'accepted', officer: 'can-bo-07' });

    // Assess
    await expect(outcome).resolves.toEqual({ decision: 'accepted', officer: 'can-bo-07' });
  });

  it('fails with the error of SendTaskFailure', async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');
    const outcome = tokens.outcome(token);

    // Act
    tokens.fail(token, Object.assign(new Error('the request is outside this office’s competence'), { name: 'Rejected' }));

    // Assess
    await expect(outcome).rejects.toThrow('the request is outside this office’s competence');
  });

  it('gives each task its own long, URL-safe token', () => {
    // Prepare
    const tokens = new TaskTokens();

    // Act
    const first = tokens.issue(EXECUTION, 'Wait for officer review');
    const second = tokens.issue(EXECUTION, 'Wait for officer review');

    // Assess
    expect(first).not.toBe(second);
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('accepts a heartbeat while it waits', () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');

    // Act, Assess
    expect(errorCode(() => tokens.heartbeat(token))).toBeUndefined();
  });

  it('lists the tokens of an execution, to expire them when it stops', () => {
    // Prepare
    const tokens = new TaskTokens();
    const mine = tokens.issue(EXECUTION, 'Wait for officer review');
    tokens.issue(`${EXECUTION}-other`, 'Wait for officer review');

    // Act
    const listed = tokens.tokensOf(EXECUTION);

    // Assess
    expect(listed).toEqual([mine]);
  });
});

describe('a callback that comes too late or to the wrong place', () => {
  it('answers TaskTimedOut for the token of a task that timed out', () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');
    tokens.expire(token, 'timeout');

    // Act, Assess
    expect(errorCode(() => tokens.succeed(token, {}))).toBe('TaskTimedOut');
    expect(errorCode(() => tokens.fail(token, new Error('late')))).toBe('TaskTimedOut');
    expect(errorCode(() => tokens.heartbeat(token))).toBe('TaskTimedOut');
  });

  it('answers TaskDoesNotExist for the token of a task whose execution ended', () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');
    tokens.expire(token, 'closed');

    // Act, Assess
    expect(errorCode(() => tokens.succeed(token, {}))).toBe('TaskDoesNotExist');
    expect(tokens.tokensOf(EXECUTION)).toEqual([]);
  });

  it('answers TaskDoesNotExist for a token it never issued', () => {
    // Prepare
    const tokens = new TaskTokens();

    // Act, Assess
    expect(errorCode(() => tokens.succeed('a-token-from-another-stack', {}))).toBe('TaskDoesNotExist');
    expect(errorCode(() => tokens.outcome('a-token-from-another-stack'))).toBe('TaskDoesNotExist');
  });

  it('answers TaskDoesNotExist when the task was already settled, and keeps the first answer', async () => {
    // Prepare
    const tokens = new TaskTokens();
    const token = tokens.issue(EXECUTION, 'Wait for officer review');
    const outcome = tokens.outcome(token);
    tokens.succeed(token, { decision: 'accepted' });

    // Act, Assess
    expect(errorCode(() => tokens.succeed(token, { decision: 'rejected' }))).toBe('TaskDoesNotExist');
    expect(errorCode(() => tokens.fail(token, new Error('second thoughts')))).toBe('TaskDoesNotExist');
    await expect(outcome).resolves.toEqual({ decision: 'accepted' });
  });

  it.each([
    ['an empty token', ''],
    ['a token longer than 1024 characters', 'x'.repeat(1025)],
  ])('answers InvalidToken for %s', (_story, token) => {
    // Prepare
    const tokens = new TaskTokens();

    // Act, Assess
    expect(errorCode(() => tokens.succeed(token, {}))).toBe('InvalidToken');
  });
});
