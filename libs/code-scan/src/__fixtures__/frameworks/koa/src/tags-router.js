const Router = require('@koa/router');
const router = new Router();

router.get('/tags', async (ctx) => { ctx.body = []; });
router.del('/tags/:name', async (ctx) => { ctx.status = 204; });

module.exports = router;
