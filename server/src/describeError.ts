// Describing whatever was thrown, for a log line, without ever throwing: rule sets are plugins of
// the engine, and a buggy one may throw anything (a string, undefined, a Symbol, an object without
// a prototype whose String() throws, an Error whose `message` or `stack` getter throws).

const UNPRINTABLE = 'a value that cannot be printed';

/** `f()`, or undefined when it throws or returns something other than a non-empty string. */
function attempt(f: () => unknown): string | undefined {
  try {
    const v = f();
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

function isError(e: unknown): e is Error {
  try {
    return e instanceof Error;
  } catch {
    return false;
  }
}

/** What an Error says: `Name: message`, or its name (or `Error`) alone. */
function describeErrorObject(e: Error): string {
  const name = attempt(() => e.name) ?? 'Error';
  const message = attempt(() => e.message);
  return message === undefined ? `${name} (its message cannot be read)` : name === 'Error' ? message : `${name}: ${message}`;
}

function describeValue(e: unknown): string {
  if (typeof e === 'string') return e.length > 0 ? e : '(an empty string)';
  if (e === undefined || e === null || typeof e === 'number' || typeof e === 'boolean' || typeof e === 'bigint') return `${String(e)} (not an Error)`;
  if (typeof e === 'symbol') return `${attempt(() => e.toString()) ?? 'a Symbol'} (not an Error)`;
  const text = attempt(() => String(e));
  if (text !== undefined && text !== '[object Object]') return `${text} (not an Error)`;
  const json = attempt(() => JSON.stringify(e));
  if (json !== undefined && json.length <= 200) return `${json} (not an Error)`;
  return `${attempt(() => Object.prototype.toString.call(e)) ?? UNPRINTABLE} (not an Error)`;
}

/** One description of a thrown value; never throws. */
export function describeError(e: unknown): string {
  try {
    return isError(e) ? describeErrorObject(e) : describeValue(e);
  } catch {
    return UNPRINTABLE;
  }
}

/** The stack of an Error when it can be read (it names the message), otherwise `describeError`. */
export function describeErrorWithStack(e: unknown): string {
  const stack = isError(e) ? attempt(() => e.stack) : undefined;
  return stack ?? describeError(e);
}
