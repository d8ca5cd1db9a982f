import { BREACH_SUFFIX } from '../../domain/statuses.js';
import { OPEN_IN } from '../status-sql.js';

/** server/store/status-sql.ts HAS_BREACH_FLAG_SQL in PostgreSQL (strpos for instr), a boolean. */
export const PG_HAS_BREACH_FLAG_SQL = `(strpos(deadline_flags, '${BREACH_SUFFIX}') > 0)`;
/** server/store/status-sql.ts BREACHED_SQL in PostgreSQL, as 0 or 1 as SQLite gives it. */
export const PG_BREACHED_SQL = `((${PG_HAS_BREACH_FLAG_SQL} AND status IN ${OPEN_IN})::int)`;
