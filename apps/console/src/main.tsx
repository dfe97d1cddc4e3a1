import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';

// The app (and the shared schemas it builds at load) is imported only after zod is told not to
// generate code: a static import would be bundled into a chunk that runs before this module's body,
// and the strict CSP would report zod's `new Function` probe.
void import('./app/App').then(({ App }) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
