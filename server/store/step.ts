/**
 * A command's transaction written once for both stores. SQLite answers every call at once, inside one synchronous
 * better-sqlite3 transaction that nothing else can enter (the hub's group commit and its locking stay as they are);
 * PostgreSQL answers each call after a round trip, inside an async pg transaction. A command written as a generator
 * over the store's ports (`const r = yield* writes.report(id)`) runs either way: `runNow` drives it with no await at
 * all (a call that would wait is refused), `runLater` awaits each round trip it yields.
 *
 * Why a generator and not async/await on both: an async function yields to the microtask queue at every await, even
 * on a value already there, and another request's continuation could then open a write of its own on SQLite's one
 * connection, inside this transaction (better-sqlite3 turns it into a savepoint of ours).
 */
export type Step<T> = Generator<Promise<unknown>, T, unknown>;
/** What a step gives when it is done. */
export type StepValue<S> = S extends Step<infer T> ? T : never;

/** A value already there: what a SQLite port answers. */
export function* now<T>(value: T): Step<T> {
  return value;
}

/** A value after a round trip: what a PostgreSQL port answers. */
export function* later<T>(value: Promise<T>): Step<T> {
  return (yield value) as T;
}

/** Runs `step` to its end at once; one that waits for a round trip is a SQLite port that is not one, refused. */
export function runNow<T>(step: Step<T>): T {
  const r = step.next();
  if (!r.done) {
    // The promise is dropped: say so to the runtime rather than leave an unhandled rejection behind.
    r.value.catch(() => {});
    step.return(undefined as T);
    throw new Error('a step waited for a round trip inside a synchronous transaction');
  }
  return r.value;
}

/** Runs `step`, awaiting each round trip it yields and handing back its value (or throwing its error into it). */
export async function runLater<T>(step: Step<T>): Promise<T> {
  let r = step.next();
  while (!r.done) {
    let answer: unknown;
    try {
      answer = await r.value;
    } catch (e) {
      r = step.throw(e);
      continue;
    }
    r = step.next(answer);
  }
  return r.value;
}
