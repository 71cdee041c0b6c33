const crypto = require('crypto');
const { promisify } = require('util');
const express = require('express');
const router = express.Router();
const pbkdf2 = promisify(crypto.pbkdf2);

router.post('/login', async (req, res) => {
  const key = await pbkdf2(req.body.password, 'salt', 310000, 32, 'sha256');
  res.json({ ok: key.length > 0 });
});
