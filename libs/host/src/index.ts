export { isProcessAlive, pidFolderPrefix, foldersOfDeadProcesses } from './process-folders';
