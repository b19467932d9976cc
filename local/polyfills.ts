/**
 * aws-local-stepfunctions 3 declares Node 22 and calls Promise.withResolvers; Node 20 lacks it.
 * Imported first by everything in local/ that runs the engine.
 */
const PromiseWithResolvers = Promise as PromiseConstructor & { withResolvers?: unknown };
if (typeof PromiseWithResolvers.withResolvers !== 'function') {
  PromiseWithResolvers.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
export {};
