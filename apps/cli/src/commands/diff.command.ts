import { UsageError, type CliCommand } from '../cli-command';

// Placeholder until the diff command lands; registered so the command table is complete.
export const diffCommand: CliCommand = {
  name: 'diff',
  summary: '',
  usage: 'usage: apiaudit diff',
  async run() {
    throw new UsageError('diff is not available in this build yet');
  },
};
