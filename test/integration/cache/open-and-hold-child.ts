import { openDatabase } from '../../../electron/core/store/open-database';

/** Run as a child by unclean-shutdown.test.ts: opens the cache file given, says so, and waits to be killed. */
openDatabase(process.argv[2]!);
process.stdout.write('open\n');
setInterval(() => {}, 60_000);
