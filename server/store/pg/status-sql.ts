import { BREACH_SUFFIX } from '../../domain/statuses.js';
import { OPEN_IN } from '../status-sql.js';

/** server/store/status-sql.ts BREACHED_SQL in PostgreSQL (strpos for instr), as 0 or 1 as SQLite gives it. */
export const PG_BREACHED_SQL = `((strpos(deadline_flags, '${BREACH_SUFFIX}') > 0 AND status IN ${OPEN_IN})::int)`;
