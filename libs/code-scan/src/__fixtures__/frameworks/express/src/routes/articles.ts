import { Router } from 'express';
import axios from 'axios';

export const articlesRouter = Router();

articlesRouter
  .route('/:slug')
  .get(async (req, res) => res.json({}))
  .put(async (req, res) => res.json({}))
  .delete(async (req, res) => res.status(204).end());

articlesRouter.get(
  '/',
  async (req, res) => {
    // A client call with a path is not a route.
    const feed = await axios.get('/internal/feed', { timeout: 500 });
    res.json(feed.data);
  },
);
