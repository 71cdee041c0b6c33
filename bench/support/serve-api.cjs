// Starts the built api on 127.0.0.1 and an ephemeral port, prints `port N` once listening, and closes on SIGTERM.
const { createApiApp } = require('../../dist/apps/api/src/main.js');

createApiApp(process.env)
  .then(async (app) => {
    await app.listen(0, '127.0.0.1');
    process.stdout.write(`port ${app.getHttpServer().address().port}\n`);
    process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
  })
  .catch((error) => {
    process.stderr.write(`serve-api: ${error.stack ?? error}\n`);
    process.exit(1);
  });
