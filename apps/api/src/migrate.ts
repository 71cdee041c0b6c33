import { migrate, readPlatformConfig } from '@apiaudit/db';

/** `npm run db:migrate`: creates the database if needed and applies pending migrations. */
const config = readPlatformConfig(process.env);
// The key seals secrets stored before sealing was introduced (outbound webhook secrets).
migrate(config.databaseUrl, config.tokenKey ? { tokenKey: config.tokenKey } : {})
  .then((applied) => process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n'))
  .catch((error: unknown) => {
    process.stderr.write(`apiaudit migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
