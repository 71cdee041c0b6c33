const fs = require('fs/promises');
const { readFileSync } = require('fs');
const express = require('express');
const app = express();

const TEMPLATE = readFileSync('./template.html', 'utf8');

app.get('/report', async (req, res) => {
  const data = await fs.readFile(`./reports/${req.query.day}.json`, 'utf8');
  res.send(TEMPLATE.replace('{data}', data));
});
