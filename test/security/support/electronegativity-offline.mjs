// Preloaded into Electronegativity's process: it fetches translations and Electron's release list
// with `got` on every run. The scan must be offline and repeatable, so each of those requests fails at
// once; the tool then uses its bundled English strings, and the Electron version is judged by the
// checklist test instead.
import Module from 'node:module';

const offline = () => Promise.reject(new Error('Electronegativity runs offline in the test suite.'));
offline.head = offline;

const load = Module._load;
Module._load = function loadOffline(request, parent, isMain) {
  if (request === 'got') return { __esModule: true, default: offline };
  return load.call(this, request, parent, isMain);
};
