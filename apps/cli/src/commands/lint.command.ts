import { UsageError, type CliCommand } from '../cli-command';

// Placeholder until the lint command lands; registered so the command table is complete.
export const lintCommand: CliCommand = {
  name: 'lint',
  summary: '',
  usage: 'usage: apiaudit lint',
  async run() {
    throw new UsageError('lint is not available in this build yet');
  },
};
