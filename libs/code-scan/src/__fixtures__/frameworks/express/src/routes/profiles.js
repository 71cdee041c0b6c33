const express = require('express');
const router = express.Router();

router.get('/profiles/:username', (req, res) => res.json({}));
router.post('/profiles/:username/follow', (req, res) => res.json({}));

module.exports = router;
