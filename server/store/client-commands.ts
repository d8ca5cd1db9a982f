import type { Db } from './db.js';

export type ClientCommand = { clientId: string; actorId: string; reportId: number; seq: number; createdAt: string };

/** Commands already applied, by the id the phone gave them: a retry is answered, not applied twice. */
export class ClientCommandsTable {
  private readonly getStmt;
  private readonly addStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT client_id AS clientId, actor_id AS actorId, report_id AS reportId, seq, created_at AS createdAt FROM client_commands WHERE client_id = ?');
    this.addStmt = db.prepare('INSERT INTO client_commands (client_id, actor_id, report_id, seq, created_at) VALUES (?, ?, ?, ?, ?)');
  }
  get(clientId: string): ClientCommand | null {
    return (this.getStmt.get(clientId) as ClientCommand | undefined) ?? null;
  }
  add(c: ClientCommand): void {
    this.addStmt.run(c.clientId, c.actorId, c.reportId, c.seq, c.createdAt);
  }
}
