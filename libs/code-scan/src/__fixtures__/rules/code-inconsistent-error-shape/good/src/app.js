const express = require('express');
const app = express();

app.get('/a/:id', (req, res) => res.status(404).json({ type: 'about:blank', title: 'Not found', status: 404 }));
app.get('/c/:id', (req, res) => res.status(400).json({ type: 'about:blank', title: 'Bad id', status: 400 }));
