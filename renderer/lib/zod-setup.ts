import { config } from 'zod';

// The page's CSP forbids eval. Without this, zod tries `Function('')` to find out whether it may compile
// its parsers, and the browser reports a CSP violation. Imported first by main.ts, before any schema exists.
config({ jitless: true });
