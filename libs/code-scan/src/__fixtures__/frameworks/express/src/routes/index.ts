import { Router } from 'express';
import { articlesRouter } from './articles';
import profiles from './profiles';

const router = Router();
router.use('/articles', articlesRouter);
router.use(profiles);
export default router;
