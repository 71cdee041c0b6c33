import { EXIT_USAGE, UsageError, type CliCommand, type CliIo } from './cli-command';
import { packageVersion } from './package-version';

// Commands load lazily so `apiaudit lint` never pays for the audit pipeline's imports.
const commands: Record<string, () => Promise<CliCommand>> = {
  audit: async () => (await import('./commands/audit.command')).auditCommand,
  lint: async () => (await import('./commands/lint.command')).lintCommand,
  rules: async () => (await import('./commands/rules.command')).rulesCommand,
  diff: async () => (await import('./commands/diff.command')).diffCommand,
  'export-issues': async () => (await import('./commands/export-issues.command')).exportIssuesCommand,
};

function usage(): string {
  return [
    'usage: apiaudit <command> [options]',
    '',
    'commands:',
    '  audit   run a whole audit (specs, repos, traces) and write findings.json and the plan (json, md, csv, html, pdf)',
    '  lint    check OpenAPI documents against the spec rules (for CI and editors)',
    '  diff    list changes between two spec versions and flag the breaking ones',
    '  rules   list every rule (--json) or write the rule docs (--docs DIR)',
    '  export-issues  file the plan as GitHub issues, one per item (idempotent)',
    '',
    'Run `apiaudit <command> --help` for its options, `apiaudit --version` for the version.',
    'Exit codes: 0 ok, 1 gate failed, 2 usage or input error.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.stderr.write(`apiaudit: unknown command '${name}' (try: ${Object.keys(commands).join(', ')})\n`);
    return EXIT_USAGE;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isInputError(error)) {
      io.stderr.write(`apiaudit ${name}: ${(error as Error).message.split('\n')[0]}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

/** Library input errors (bad spec, bad trace file) and bad flags are the user's to fix, not crashes. */
function isInputError(error: unknown): boolean {
  // Duck-typed: errors thrown by Node's own modules (parseArgs) may come from another realm than our Error.
  if (typeof error !== 'object' || error === null) return false;
  const { name = '', code = '' } = error as { name?: string; code?: string };
  return /InputError$/.test(name) || String(code).startsWith('ERR_PARSE_ARGS');
}

/** Runs the CLI for this process's arguments and sets its exit code: what `bin/apiaudit.js` calls. */
export function runFromProcess(): void {
  // A reader that stops early (`| head`) closes the pipe; that ends the run quietly, as it would for `cat`.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`apiaudit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}

if (require.main === module) runFromProcess();
