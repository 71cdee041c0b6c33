// Starts the built api on 127.0.0.1 and an ephemeral port, prints `port N` once listening, and closes on SIGTERM.
const { createApiApp } = require('../../dist/apps/api/src/main.js');

createApiApp(process.env)
  .then(async (app) => {
    await app.listen(0, '127.0.0.1');
    process.stdout.write(`port ${app.getHttpServer().address().port}\n`);
    // SIGTERM closes it through the app's own shutdown hooks (createApiApp enables them): a second close here ran
    // every hook twice and the pool's second end threw.
  })
  .catch((error) => {
    process.stderr.write(`serve-api: ${error.stack ?? error}\n`);
    process.exit(1);
  });
