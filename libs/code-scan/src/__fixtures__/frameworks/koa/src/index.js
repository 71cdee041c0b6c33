const Koa = require('koa');
const Router = require('@koa/router');
const tags = require('./tags-router');

const app = new Koa();
const api = new Router({ prefix: '/api' });
api.use(tags.routes());
app.use(api.routes());
