import express from 'express';
import { pool } from './db';

const app = express();

app.get('/users/:name', async (req, res) => {
  const rows = await pool.query('SELECT id, name FROM users WHERE name = $1', [req.params.name]);
  res.json(rows);
});
