import express from 'express';
import axios from 'axios';

const app = express();

app.get('/quotes', async (req, res) => {
  const quote = await fetch('http://quotes/today'); // expect-finding: GET /quotes
  const rates = await axios.get('http://rates/eur'); // expect-finding: GET /quotes
  res.json({ quote: await quote.json(), rates: rates.data });
});
