import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractEndpoints } from './extract-endpoints';
import { listSourceFiles } from './source-files';

const FIXTURES = resolve(__dirname, '__fixtures__/frameworks');

function endpointsOf(framework: string): string[] {
  const files = listSourceFiles(resolve(FIXTURES, framework), { maxFiles: 1000, maxFileBytes: 1 << 20 });
  return extractEndpoints(files).map((e) => `${e.framework} ${e.method} ${e.path} ${e.file}:${e.line}${e.handler ? ` ${e.handler}` : ''}`);
}

describe('extractEndpoints per framework', () => {
  it('NestJS: controller and method paths under the global prefix, URI versions, exclusions; specs skipped', () => {
    expect(endpointsOf('nestjs')).toEqual([
      'nestjs GET /api/v1/articles src/articles/articles.controller.ts:10 ArticlesController.findAll',
      'nestjs POST /api/v1/articles src/articles/articles.controller.ts:27 ArticlesController.create',
      'nestjs GET /api/v1/articles/{slug} src/articles/articles.controller.ts:15 ArticlesController.findOne',
      'nestjs PUT /api/v1/articles/{slug} src/articles/articles.controller.ts:33 ArticlesController.update',
      'nestjs DELETE /api/v1/articles/{slug}/comments/{id} src/articles/articles.controller.ts:38 ArticlesController.removeComment',
      'nestjs GET /api/v2/articles/{slug} src/articles/articles.controller.ts:21 ArticlesController.findOneV2',
      'nestjs GET /health src/health.controller.ts:6 HealthController.check',
    ]);
  });

  it('Express: routers mounted under prefixes across imports and require, chained route(), client calls ignored, .gitignored files skipped', () => {
    expect(endpointsOf('express')).toEqual([
      'express GET /api/articles src/routes/articles.ts:12',
      'express DELETE /api/articles/{slug} src/routes/articles.ts:6',
      'express GET /api/articles/{slug} src/routes/articles.ts:6',
      'express PUT /api/articles/{slug} src/routes/articles.ts:6',
      'express GET /api/profiles/{username} src/routes/profiles.js:4',
      'express POST /api/profiles/{username}/follow src/routes/profiles.js:5',
      'express GET /health src/server.ts:7',
    ]);
  });

  it('Fastify: route({method, url}) and shorthand routes inside a plugin registered with a prefix', () => {
    expect(endpointsOf('fastify')).toEqual([
      'fastify POST /api/v1/users src/routes/users.js:12',
      'fastify GET /api/v1/users/{id} src/routes/users.js:4 onGetUser',
      'fastify PATCH /api/v1/users/{id} src/routes/users.js:13',
      'fastify PUT /api/v1/users/{id} src/routes/users.js:13',
      'fastify GET /health src/app.js:5',
    ]);
  });

  it('Koa: a router used by a prefixed router', () => {
    expect(endpointsOf('koa')).toEqual(['koa GET /api/tags src/tags-router.js:4', 'koa DELETE /api/tags/{name} src/tags-router.js:5']);
  });

  it('FastAPI: include_router prefixes, APIRouter(prefix), a prefix read from a settings class, tests skipped', () => {
    expect(endpointsOf('fastapi')).toEqual([
      'fastapi GET /api/items app/api/routes/items.py:7 list_items',
      'fastapi GET /api/items/{item_id} app/api/routes/items.py:12 get_item',
      'fastapi PATCH /api/items/{item_id} app/api/routes/items.py:17 replace_item',
      'fastapi PUT /api/items/{item_id} app/api/routes/items.py:17 replace_item',
      'fastapi POST /api/orders app/api/routes/orders.py:7 create_order',
      'fastapi GET /health app/main.py:11 health',
    ]);
  });

  it('Flask: blueprint url_prefix, replaced by register_blueprint(url_prefix=...), converters, default GET', () => {
    expect(endpointsOf('flask')).toEqual([
      'flask DELETE /api/orders/{order_id} shop/orders/views.py:12 cancel_order',
      'flask GET /api/orders/{order_id} shop/orders/views.py:7 get_order',
      'flask POST /api/users shop/users/views.py:7 register',
      'flask GET /api/users/{user_id} shop/users/views.py:12 get_user',
    ]);
  });

  it('Django REST framework: urls.py includes, regex and path routes, a router with a viewset, generic views, admin left out', () => {
    expect(endpointsOf('django')).toEqual([
      'django GET /api/books project/catalog/views.py:6 BookViewSet.list',
      'django GET /api/books/{book_slug}/reviews project/catalog/views.py:13 ReviewListCreateView.get',
      'django POST /api/books/{book_slug}/reviews project/catalog/views.py:13 ReviewListCreateView.post',
      'django DELETE /api/books/{slug} project/catalog/views.py:9 BookViewSet.destroy',
      'django GET /api/books/{slug} project/catalog/views.py:6 BookViewSet.retrieve',
      'django GET /api/health project/catalog/views.py:23 health',
      'django GET /api/stats/{year} project/catalog/views.py:18 StatsView.get',
    ]);
  });

  it('Spring: class and method mappings with and without a leading slash, RequestMapping(method=...), constants, context path', () => {
    expect(endpointsOf('spring')).toEqual([
      'spring GET /shop/orders src/main/java/shop/api/OrdersApi.java:9 OrdersApi.list',
      'spring POST /shop/orders src/main/java/shop/api/OrdersApi.java:12 OrdersApi.create',
      'spring GET /shop/orders/{id} src/main/java/shop/api/OrdersApi.java:15 OrdersApi.get',
      'spring PATCH /shop/orders/{id}/lines/{lineId} src/main/java/shop/api/OrdersApi.java:18 OrdersApi.updateLine',
      'spring PUT /shop/orders/{id}/lines/{lineId} src/main/java/shop/api/OrdersApi.java:18 OrdersApi.updateLine',
      'spring GET /shop/status src/main/java/shop/api/StatusApi.java:9 StatusApi.status',
      'spring DELETE /shop/status/cache src/main/java/shop/api/StatusApi.java:12 StatusApi.flush',
      'spring GET /shop/status/detail src/main/java/shop/api/StatusApi.java:9 StatusApi.status',
    ]);
  });

  it('Spring WebFlux functional routes: the builder with path() and nest(), static route()/andRoute()/andNest(), predicates, base path', () => {
    expect(endpointsOf('webflux')).toEqual([
      'spring POST /shop/legacy/import src/main/java/shop/web/OrderRoutes.java:34 legacy::importAll',
      'spring GET /shop/legacy/reports/{year} src/main/java/shop/web/OrderRoutes.java:36 OrderRoutes.legacyRouter',
      'spring PATCH /shop/legacy/settings src/main/java/shop/web/OrderRoutes.java:35 legacy::settings',
      'spring GET /shop/legacy/status src/main/java/shop/web/OrderRoutes.java:33 legacy::status',
      'spring GET /shop/orders src/main/java/shop/web/OrderRoutes.java:21 handler::list',
      'spring POST /shop/orders src/main/java/shop/web/OrderRoutes.java:22 handler::create',
      'spring DELETE /shop/orders/{id} src/main/java/shop/web/OrderRoutes.java:25 handler::cancel',
      'spring GET /shop/orders/{id} src/main/java/shop/web/OrderRoutes.java:24 handler::get',
      'spring PUT /shop/orders/{id}/lines/{lineId} src/main/java/shop/web/OrderRoutes.java:26 handler::updateLine',
    ]);
  });

  it('gin: groups handed to functions in other packages, catch-alls; vendor/ and _test.go skipped', () => {
    expect(endpointsOf('gin')).toEqual([
      'gin GET /api/v1/orders orders/routers.go:6 List',
      'gin POST /api/v1/orders orders/routers.go:7 Create',
      'gin GET /api/v1/orders/{id} orders/routers.go:8 Get',
      'gin DELETE /api/v1/orders/{id}/lines/{line} orders/routers.go:9 DeleteLine',
      'gin GET /ping main.go:13',
    ]);
  });

  it('echo groups, chi Route/Mount with a router returned by a function, net/http ServeMux patterns with methods', () => {
    expect(endpointsOf('echo')).toEqual(['echo GET /admin/users/{id} server.go:8 getUser', 'echo POST /login server.go:9 login']);
    expect(endpointsOf('chi')).toEqual([
      'chi GET /admin/stats router.go:24 stats',
      'chi GET /articles router.go:12 listArticles',
      'chi GET /articles/{articleID} router.go:14 getArticle',
      'chi PUT /articles/{articleID} router.go:15 updateArticle',
    ]);
    expect(endpointsOf('nethttp')).toEqual(['net/http ANY /healthz main.go:9 health', 'net/http POST /items main.go:8 createItem', 'net/http GET /items/{id} main.go:7 getItem']);
  });
});

// The RealWorld back ends are fetched outside the repository (see ../shared/corpus/repos/README.md); the
// figures below were measured on the commits listed there. Without them this block is skipped.
const REALWORLD_DIR = [process.env.APIAUDIT_REALWORLD_DIR, resolve(__dirname, '../../../../ext'), resolve(__dirname, '../../../../../ext')].find((d) => d && existsSync(resolve(d, 'nestjs-realworld-example-app')));
const SPEC_OPERATIONS = [
  'POST /users/login', 'POST /users', 'GET /user', 'PUT /user', 'GET /profiles/{}', 'POST /profiles/{}/follow', 'DELETE /profiles/{}/follow',
  'GET /articles/feed', 'GET /articles', 'POST /articles', 'GET /articles/{}', 'PUT /articles/{}', 'DELETE /articles/{}', 'GET /articles/{}/comments',
  'POST /articles/{}/comments', 'DELETE /articles/{}/comments/{}', 'POST /articles/{}/favorite', 'DELETE /articles/{}/favorite', 'GET /tags',
];
const describeRealWorld = REALWORLD_DIR ? describe : describe.skip;

describeRealWorld(`RealWorld back ends${REALWORLD_DIR ? '' : ' (skipped: not fetched; set APIAUDIT_REALWORLD_DIR to the folder holding them)'}`, () => {
  it.each([
    ['nestjs-realworld-example-app', 'nestjs', [], ['GET /api', 'DELETE /users/{}']],
    ['node-express-realworld-example-app', 'express', [], ['GET /']],
    ['fastify-realworld-example-app', 'fastify', [], ['POST /sentiment/score']],
    ['koa-knex-realworld-example', 'koa', [], []],
    ['fastapi-realworld-example-app', 'fastapi', [], []],
    ['flask-realworld-example-app', 'flask', [], []],
    // The Django app has no destroy on its article viewset, and UpdateAPIView answers PATCH too.
    ['django-realworld-example-app', 'django', ['DELETE /articles/{}'], ['PATCH /user']],
    ['spring-boot-realworld-example-app', 'spring', [], []],
    // gin serves the feed from GET /articles/:slug when slug == "feed" (articles/routers.go:84): no route of its own.
    ['golang-gin-realworld-example-app', 'gin', ['GET /articles/feed'], ['GET /ping']],
  ])('%s (%s): the spec operations it routes, and nothing else but what it really adds', (name, framework, missing, extra) => {
    const endpoints = extractEndpoints(listSourceFiles(resolve(REALWORLD_DIR!, name), { maxFiles: 20_000, maxFileBytes: 1 << 20 }));
    const keys = new Set(endpoints.map((e) => `${e.method} ${e.path.replace(/^\/api(?=\/)/, '').replace(/\{[^}]*\}/g, '{}')}`));
    expect(new Set(endpoints.map((e) => e.framework))).toEqual(new Set([framework]));
    expect(SPEC_OPERATIONS.filter((op) => !keys.has(op))).toEqual(missing);
    expect([...keys].filter((k) => !SPEC_OPERATIONS.includes(k)).sort()).toEqual([...extra].sort());
  });
});
