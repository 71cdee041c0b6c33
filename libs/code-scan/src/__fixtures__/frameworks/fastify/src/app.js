const fastify = require('fastify')();
const users = require('./routes/users');

fastify.register(users, { prefix: '/api/v1' });
fastify.get('/health', async () => ({ ok: true }));
