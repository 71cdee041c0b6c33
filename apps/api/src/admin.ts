import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '@apiaudit/domain';
import { AccountRepository, CatalogRepository, createDataSource, readPlatformConfig } from '@apiaudit/db';
import { hashPassword, passwordProblem } from './auth/passwords';

const USAGE = `usage: admin create-user --email E --password P --role consultant|client-admin|client-viewer [--client CLIENT_ID] [--name NAME]`;

class UsageError extends Error {}

/**
 * `node dist/apps/api/src/admin.js create-user ...`: makes the first consultant (or any user) without the API.
 * Running it again for the same email updates that user, so it is safe in provisioning scripts.
 */
export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'create-user') throw new UsageError(command ? `unknown command '${command}'\n${USAGE}` : USAGE);
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, client: { type: 'string' }, name: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { email, password, role, client, name } = values;
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`--email must be an email address\n${USAGE}`);
  if (password === undefined) throw new UsageError(`--password is required\n${USAGE}`);
  const refused = passwordProblem(password);
  if (refused) throw new UsageError(refused);
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'consultant' && client) throw new UsageError('a consultant belongs to no client: drop --client');
  if (role !== 'consultant' && !client) throw new UsageError(`a ${role} needs --client CLIENT_ID`);
  const config = readPlatformConfig(env);
  const db = await createDataSource(config.databaseUrl).initialize();
  try {
    if (client && !(/^[0-9a-f-]{36}$/i.test(client) && (await new CatalogRepository(db).findClient(client)))) throw new UsageError(`no client with id ${client}`);
    const { user, created } = await new AccountRepository(db).upsertUser({ email, name: name ?? '', role, clientId: client ?? null, passwordHash: await hashPassword(password) });
    out(`${created ? 'created' : 'updated'} ${user.role} ${user.email} (${user.id})`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  runAdmin(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`apiaudit admin: ${message.split('\n')[0]}\n`);
    process.exit(2);
  });
}
