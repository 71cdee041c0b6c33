import express from 'express';
import axios from 'axios';

const app = express();

app.get('/quotes', async (req, res) => {
  const quote = await fetch('http://quotes/today', { signal: AbortSignal.timeout(800) });
  const rates = await axios.get('http://rates/eur', { timeout: 500 });
  res.json({ quote: await quote.json(), rates: rates.data });
});
