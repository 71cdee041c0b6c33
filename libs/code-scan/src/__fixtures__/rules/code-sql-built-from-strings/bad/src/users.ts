import express from 'express';
import { pool } from './db';

const app = express();

app.get('/users/:name', async (req, res) => {
  const rows = await pool.query(`SELECT id, name FROM users WHERE name = '${req.params.name}'`); // expect-finding: GET /users/{name}
  res.json(rows);
});
