const express = require('express');
const app = express();

app.get('/a/:id', (req, res) => res.status(404).json({ message: 'not found' }));
app.get('/b/:id', (req, res) => res.status(404).json({ message: 'not found' }));
app.get('/c/:id', (req, res) => res.status(400).json({ error: 'bad id' })); // expect-finding: GET /c/{id}
