export * from './github-ref';
export { fetchGithubRepository, type FetchedRepository, type GithubFetchOptions } from './fetch-github-repository';
