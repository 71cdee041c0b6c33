export { isProcessAlive, processesMentioning } from './processes';
export { pidFolderPrefix, foldersOfDeadProcesses } from './process-folders';
