import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as configureZod } from 'zod';
import { App } from './app/App';
import './styles.css';

// The console's CSP has no 'unsafe-eval': zod must not probe `new Function` (the browser reports
// even a caught, refused probe as a violation) and validates without generated code.
configureZod({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
