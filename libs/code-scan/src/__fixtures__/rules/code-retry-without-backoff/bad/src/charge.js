const express = require('express');
const router = express.Router();

router.post('/charges', async (req, res) => {
  let response;
  for (let attempt = 0; attempt < 5; attempt++) { // expect-finding: POST /charges
    response = await fetch('http://psp/charges', { method: 'POST', signal: AbortSignal.timeout(500) });
    if (response.ok) break;
  }
  res.status(response.ok ? 201 : 502).end();
});
