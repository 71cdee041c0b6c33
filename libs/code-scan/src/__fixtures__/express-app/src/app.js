const express = require('express');
const { users } = require('./routes/users');
import { users as usersRouter } from './routes/users';

const app = express();
app.use('/api', usersRouter);
app.get('/health', (req, res) => res.send('ok'));
