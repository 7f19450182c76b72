// Entry point of the console page: language, styles, and the React root.
// first: before any schema parses
import './ui/strict-csp.js';
// second: the database opens while the rest is evaluated
import './data/open-early.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.js';
import { App, start } from './ui/app.js';
import { startPhotoService } from './ui/photos/photo-service.js';
import './ui/console.css';

initI18n();
// local data is read while React renders the splash, not after
start();
// photo uploads resume after a restart without anyone opening the appeal
startPhotoService();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
