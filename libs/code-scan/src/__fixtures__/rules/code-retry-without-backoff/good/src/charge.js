const express = require('express');
const router = express.Router();

router.post('/charges', async (req, res) => {
  let response;
  for (let attempt = 0; attempt < 5; attempt++) {
    response = await fetch('http://psp/charges', { method: 'POST', signal: AbortSignal.timeout(500) });
    if (response.ok) break;
    await sleep(2 ** attempt * 100 + Math.random() * 100);
  }
  res.status(response.ok ? 201 : 502).end();
});
