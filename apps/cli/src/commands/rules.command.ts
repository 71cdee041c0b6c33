import { UsageError, type CliCommand } from '../cli-command';

// Placeholder until the rules command lands; registered so the command table is complete.
export const rulesCommand: CliCommand = {
  name: 'rules',
  summary: '',
  usage: 'usage: apiaudit rules',
  async run() {
    throw new UsageError('rules is not available in this build yet');
  },
};
