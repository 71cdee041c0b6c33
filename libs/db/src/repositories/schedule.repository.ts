import type { AuditSchedule } from '@apiaudit/domain';
import type { DataSource } from 'typeorm';

export type ScheduleRecord = AuditSchedule & { projectId: string; createdAt: Date; updatedAt: Date };

interface ScheduleRow {
  projectId: string;
  cron: string | null;
  timezone: string;
  everyDays: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `project_id AS "projectId", cron, timezone, every_days AS "everyDays", created_at AS "createdAt", updated_at AS "updatedAt"`;

function record({ cron, timezone, everyDays, ...rest }: ScheduleRow): ScheduleRecord {
  return cron !== null ? { ...rest, cron, timezone } : { ...rest, everyDays: everyDays! };
}

/** Re-audit schedules: PostgreSQL holds them, BullMQ job schedulers run them (registered again from here at worker start). */
export class ScheduleRepository {
  constructor(private readonly db: DataSource) {}

  async save(projectId: string, schedule: AuditSchedule): Promise<ScheduleRecord> {
    const cron = 'cron' in schedule ? schedule.cron : null;
    const timezone = 'cron' in schedule ? schedule.timezone : 'UTC';
    const everyDays = 'everyDays' in schedule ? schedule.everyDays : null;
    const rows: ScheduleRow[] = await this.db.query(
      `INSERT INTO audit_schedules (project_id, cron, timezone, every_days) VALUES ($1, $2, $3, $4)
       ON CONFLICT (project_id) DO UPDATE SET cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, every_days = EXCLUDED.every_days, updated_at = now()
       RETURNING ${COLUMNS}`,
      [projectId, cron, timezone, everyDays],
    );
    return record(rows[0]);
  }

  async find(projectId: string): Promise<ScheduleRecord | null> {
    const rows: ScheduleRow[] = await this.db.query(`SELECT ${COLUMNS} FROM audit_schedules WHERE project_id = $1`, [projectId]);
    return rows[0] ? record(rows[0]) : null;
  }

  /** True when there was one to remove. */
  async remove(projectId: string): Promise<boolean> {
    const rows: { n: number }[] = await this.db.query(`WITH d AS (DELETE FROM audit_schedules WHERE project_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [projectId]);
    return rows[0].n > 0;
  }

  async all(): Promise<ScheduleRecord[]> {
    const rows: ScheduleRow[] = await this.db.query(`SELECT ${COLUMNS} FROM audit_schedules ORDER BY project_id`);
    return rows.map(record);
  }
}
