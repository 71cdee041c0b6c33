const fp = require('fastify-plugin');

async function users(server, options) {
  server.route({
    method: 'GET',
    url: '/users/:id',
    handler: onGetUser,
  });
  async function onGetUser(req) {
    return { id: req.params.id };
  }
  server.post('/users', async (req, reply) => reply.code(201).send({}));
  server.route({ method: ['PUT', 'PATCH'], url: '/users/:id', handler: async () => ({}) });
}

module.exports = fp(users);
