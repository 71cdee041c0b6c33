const crypto = require('crypto');
const express = require('express');
const router = express.Router();

function hash(password, salt) {
  return crypto.pbkdf2Sync(password, salt, 310000, 32, 'sha256'); // expect-finding: POST /login
}

router.post('/login', (req, res) => {
  res.json({ ok: hash(req.body.password, 'salt').length > 0 });
});
