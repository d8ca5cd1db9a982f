/** The console's actions, in the order their buttons appear, and the key that starts each. */
export const ACTION_ORDER = ['check', 'dispatch', 'verify', 'return_proof', 'close', 'reroute', 'forward', 'merge', 'reject', 'note'] as const;
export type ConsoleAction = (typeof ACTION_ORDER)[number];

export const ACTION_KEYS: Record<ConsoleAction, string> = {
  check: 'c',
  dispatch: 'd',
  verify: 'v',
  return_proof: 'b',
  close: 's',
  reroute: 'o',
  forward: 'w',
  merge: 'm',
  reject: 'r',
  note: 'n',
};

export const actionForKey = (key: string): ConsoleAction | null =>
  (ACTION_ORDER as readonly string[]).find((a) => ACTION_KEYS[a as ConsoleAction] === key.toLowerCase()) as ConsoleAction | null ?? null;

export const isConsoleAction = (a: string): a is ConsoleAction => (ACTION_ORDER as readonly string[]).includes(a);

/** Check is the one action done in one press; every other one opens a dialog (reason, target, confirmation). */
export const ONE_STEP: ReadonlySet<ConsoleAction> = new Set(['check']);

/** The body of POST /api/console/reports/:id/actions, without expectedVersion (the panel adds the version it shows). */
export type ActionBody =
  | { action: 'check'; reason?: string }
  | { action: 'reject'; reason: string }
  | { action: 'reroute'; agencyId: string; reason: string }
  | { action: 'forward'; toCity: string; reason: string }
  | { action: 'dispatch'; assigneeId: string; instruction?: string }
  | { action: 'return_proof'; reason: string }
  | { action: 'verify'; reason?: string }
  | { action: 'close'; reason?: string }
  | { action: 'merge'; intoReportId: number; reason?: string }
  | { action: 'note'; reason: string };
