import { BREACH_SUFFIX, OPEN_STATUSES, RESPONDING } from '../domain/statuses.js';

// The domain's status groups as SQL, generated once: a status added to a group reaches every query.
// Status codes are fixed identifiers from the contract's enum, never user input, so quoting them here is safe.
const inList = (statuses: readonly string[]) => `(${statuses.map((s) => `'${s.replace(/'/g, "''")}'`).join(', ')})`;

export const OPEN_IN = inList(OPEN_STATUSES);
export const RESPONDING_IN = inList(RESPONDING);
/** A breach flag was raised (whether or not the report is still open: kinerja asks "open at the range's end" itself). */
export const HAS_BREACH_FLAG_SQL = `(instr(deadline_flags, '${BREACH_SUFFIX}') > 0)`;
/** domain/statuses.ts isBreached, as a column expression over a reports row. */
export const BREACHED_SQL = `(${HAS_BREACH_FLAG_SQL} AND status IN ${OPEN_IN})`;
