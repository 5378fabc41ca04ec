import { serveInBrowser } from '../launch/serve-in-browser';
import { run } from './run';

run(() => serveInBrowser(process.argv.slice(2)));
