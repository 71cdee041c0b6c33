/** `github:owner/name@ref` as the CLI and the API accept it; ref is optional (default branch). */
export interface GithubRepoRef {
  owner: string;
  name: string;
  ref?: string;
}

export class GithubSourceInputError extends Error {
  override name = 'GithubSourceInputError';
  constructor(
    message: string,
    /** GitHub's HTTP status when it refused: 404 and 401 will not change on a retry, a rate limit (403, 429) may. */
    readonly status?: number,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function parseGithubRef(text: string): GithubRepoRef {
  const match = /^github:([^/@\s]+)\/([^/@\s]+)(?:@(\S+))?$/.exec(text);
  if (!match || !NAME.test(match[1]) || !NAME.test(match[2])) {
    throw new GithubSourceInputError(`'${text}' is not of the form github:owner/name[@ref]`);
  }
  const [, owner, name, ref] = match;
  return { owner, name: name.replace(/\.git$/, ''), ...(ref ? { ref } : {}) };
}

export function formatGithubRef(repo: GithubRepoRef): string {
  return `github:${repo.owner}/${repo.name}${repo.ref ? `@${repo.ref}` : ''}`;
}
