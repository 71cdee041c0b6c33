import { UsageError, type CliCommand } from '../cli-command';

// Placeholder until the audit command lands; registered so the command table is complete.
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: '',
  usage: 'usage: apiaudit audit',
  async run() {
    throw new UsageError('audit is not available in this build yet');
  },
};
