const fs = require('fs');
const express = require('express');
const app = express();

const TEMPLATE = fs.readFileSync('./template.html', 'utf8');

app.get('/report', (req, res) => {
  const data = fs.readFileSync(`./reports/${req.query.day}.json`, 'utf8'); // expect-finding: GET /report
  res.send(TEMPLATE.replace('{data}', data));
});
