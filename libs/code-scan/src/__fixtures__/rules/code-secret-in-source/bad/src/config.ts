export const JWT_SECRET = 'hunter2-prod-signing'; // expect-finding
export const aws = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }; // expect-finding
