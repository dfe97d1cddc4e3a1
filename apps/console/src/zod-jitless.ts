import { config } from 'zod';

// The console's CSP has no 'unsafe-eval': zod must not probe `new Function` (the browser reports
// even a caught, refused probe as a violation) and validates without generated code. Imported
// first by main.tsx, because zod takes the decision when a schema is built, at module load.
config({ jitless: true });
