export const JWT_SECRET = process.env.JWT_SECRET ?? '';
export const password = 'changeme';
