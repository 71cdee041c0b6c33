import { randomBytes } from 'node:crypto';
import { createDataSource, dropDatabase, ensureDatabase, migrate, migrationsFor, openToken, webhookSecretContext } from '@apiaudit/db';
import { DataSource } from 'typeorm';
import { sealWebhookSecretsMigration } from '../../libs/db/src/migrations/1765600000000-SealWebhookSecrets';
import { testDatabaseUrl } from '../setup/test-env';

const SEALED_AT = 1765600000000;
const timestampOf = (migration: { name: string }) => Number(/(\d{13})$/.exec(migration.name)?.[1]);

/** Outbound webhook secrets stored in plain text before sealing: the migration seals each under APIAUDIT_TOKEN_KEY. */
describe('the migration that seals stored webhook secrets (its own database, migrated to just before it)', () => {
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_seal`;
  const key = randomBytes(32);
  let webhookIds: string[];

  beforeAll(async () => {
    await dropDatabase(url.toString());
    await ensureDatabase(url.toString());
    const before = new DataSource({ type: 'postgres', url: url.toString(), migrations: migrationsFor().filter((m) => timestampOf(m) < SEALED_AT), logging: false });
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      const [client] = await before.query(`INSERT INTO clients (name) VALUES ('Plain') RETURNING id`);
      const [project] = await before.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'Shop') RETURNING id`, [client.id]);
      const rows: Array<{ id: string }> = await before.query(
        `INSERT INTO project_webhooks (project_id, url, secret) VALUES ($1, 'http://127.0.0.1:9/a', 'plain-secret-number-one'), ($1, 'http://127.0.0.1:9/b', 'plain-secret-number-two') RETURNING id`,
        [project.id],
      );
      webhookIds = rows.map((r) => r.id);
    } finally {
      await before.destroy();
    }
  });

  afterAll(() => dropDatabase(url.toString()));

  it('refuses to run without the key while there are secrets to seal, and changes nothing', async () => {
    await expect(migrate(url.toString())).rejects.toThrow(/2 plain-text secrets: set APIAUDIT_TOKEN_KEY/);
    const db = await createDataSource(url.toString()).initialize();
    try {
      expect((await db.query(`SELECT secret FROM project_webhooks ORDER BY url`)).map((r: { secret: string }) => r.secret)).toEqual(['plain-secret-number-one', 'plain-secret-number-two']);
    } finally {
      await db.destroy();
    }
  });

  it('seals every stored secret, bound to its webhook, and drops the plain-text column; down opens them again', async () => {
    expect(await migrate(url.toString(), { tokenKey: key })).toContain('SealWebhookSecrets1765600000000');
    const db = await createDataSource(url.toString()).initialize();
    try {
      const columns = (await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'project_webhooks'`)).map((r: { column_name: string }) => r.column_name);
      expect(columns).toContain('secret_sealed');
      expect(columns).not.toContain('secret');
      const rows: Array<{ id: string; secret_sealed: Buffer }> = await db.query(`SELECT id, secret_sealed FROM project_webhooks ORDER BY url`);
      expect(rows.map((r) => r.id)).toEqual(webhookIds);
      for (const row of rows) {
        expect(row.secret_sealed.toString('latin1')).not.toContain('plain-secret');
        // Bound to its own row: another webhook's context does not open it.
        expect(() => openToken(row.secret_sealed, key, webhookSecretContext(webhookIds.find((id) => id !== row.id)!))).toThrow();
      }
      expect(rows.map((r) => openToken(r.secret_sealed, key, webhookSecretContext(r.id)))).toEqual(['plain-secret-number-one', 'plain-secret-number-two']);

      const runner = db.createQueryRunner();
      try {
        await new (sealWebhookSecretsMigration(key))().down(runner);
      } finally {
        await runner.release();
      }
      expect((await db.query(`SELECT secret FROM project_webhooks ORDER BY url`)).map((r: { secret: string }) => r.secret)).toEqual(['plain-secret-number-one', 'plain-secret-number-two']);
    } finally {
      await db.destroy();
    }
  });
});
