import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../electron/launch/paths';

const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, relativePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('the layer rules of the lint configuration', () => {
  it('fails a renderer file importing from electron/', async () => {
    const messages = await restrictedImports(
      'renderer/lib/bad.ts',
      "import { createCore } from '../../electron/core/create-core';\nexport const x = createCore;\n",
    );
    expect(messages).toEqual([expect.stringContaining('never electron/')]);
  });

  it('fails a renderer file importing electron, or a Node module', async () => {
    expect(
      await restrictedImports(
        'renderer/lib/bad.ts',
        "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
      ),
    ).not.toEqual([]);
    expect(
      await restrictedImports(
        'renderer/lib/bad.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toHaveLength(1);
  });

  it('fails a Svelte component importing from electron/', async () => {
    const messages = await restrictedImports(
      'renderer/views/Bad.svelte',
      '<script lang="ts">\n  import { CoreError } from \'../../electron/core/core-error\';\n  const e = CoreError;\n</script>\n<p>{e.name}</p>\n',
    );
    expect(messages).toEqual([expect.stringContaining('never electron/')]);
  });

  it('lets the renderer take only types from the contract, whose zod schemas must not run in the page', async () => {
    expect(
      await restrictedImports(
        'renderer/lib/bad.ts',
        "import { searchQuery } from '../../shared/contract';\nexport const x = searchQuery;\n",
      ),
    ).toEqual([expect.stringContaining('only types from the contract')]);
    expect(
      await restrictedImports(
        'renderer/lib/fine.ts',
        "import type { SearchQuery } from '../../shared/contract';\nexport type X = SearchQuery;\n",
      ),
    ).toEqual([]);
  });

  it('lets only main.ts and preload.ts import electron', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await restrictedImports('electron/core/bad.ts', code)).toEqual([
      expect.stringContaining('Only electron/main.ts'),
    ]);
    expect(await restrictedImports('electron/main.ts', code)).toEqual([]);
    expect(await restrictedImports('electron/preload.ts', code)).toEqual([]);
  });

  it('keeps shared/ free of Node and of the other layers', async () => {
    expect(
      await restrictedImports('shared/bad.ts', "import { join } from 'node:path';\nexport const x = join;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports('shared/bad.ts', "import { api } from '../renderer/lib/api';\nexport const x = api;\n"),
    ).toHaveLength(1);
  });

  it('allows the renderer to import shared/ and itself', async () => {
    const code =
      "import { MAX_AUDIT_NOTE } from '../../shared/limits';\nimport { api } from './api';\nexport const x = [MAX_AUDIT_NOTE, api];\n";
    expect(await restrictedImports('renderer/lib/good.ts', code)).toEqual([]);
  });

  describe("the core's own layers", () => {
    const importOf = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;

    it('keeps connect/ below environments/, and the store below the features', async () => {
      expect(await restrictedImports('electron/core/connect/bad.ts', importOf('../environments/environments'))).toEqual(
        [expect.stringContaining('electron/core/connect/ may import only the base')],
      );
      expect(await restrictedImports('electron/core/store/bad.ts', importOf('../orders/orders-repository'))).toEqual([
        expect.stringContaining('electron/core/store/ may import only the base'),
      ]);
      expect(
        await restrictedImports('electron/core/store/migrations/0099-bad.ts', importOf('../../search/order-search')),
      ).toHaveLength(1);
      expect(await restrictedImports('electron/core/environments/good.ts', importOf('../connect/http'))).toEqual([]);
    });

    it('keeps a feature from importing the cache bundle beneath it or a feature beside it', async () => {
      expect(await restrictedImports('electron/core/orders/bad.ts', importOf('../cache/cache'))).toHaveLength(1);
      expect(await restrictedImports('electron/core/search/bad.ts', importOf('../orders/order-writer'))).toHaveLength(
        1,
      );
      expect(
        await restrictedImports('electron/core/shop-import/bad.ts', importOf('../staging/staging-service')),
      ).toHaveLength(1);
      expect(await restrictedImports('electron/core/staging/good.ts', importOf('../cache/cache'))).toEqual([]);
      // Team mode syncs what the features write, through the cache: it never calls a feature.
      expect(await restrictedImports('electron/core/team/bad.ts', importOf('../shop-import/shop-writer'))).toHaveLength(
        1,
      );
      expect(await restrictedImports('electron/core/team/good.ts', importOf('../cache/cache'))).toEqual([]);
      expect(await restrictedImports('electron/core/orders/good.ts', importOf('../store/search-terms'))).toEqual([]);
    });

    it('lets no core folder import the composition root, the hosts or the sandbox', async () => {
      expect(await restrictedImports('electron/core/staging/bad.ts', importOf('../create-core'))).toEqual([
        expect.stringContaining('below the composition root'),
      ]);
      expect(await restrictedImports('electron/core/orders/bad.ts', importOf('../../cli/args'))).toHaveLength(1);
      expect(await restrictedImports('electron/core/orders/bad.ts', importOf('../sandbox/demo-orders'))).toHaveLength(
        1,
      );
      expect(await restrictedImports('electron/core/sandbox/bad.ts', importOf('../store/open-database'))).toHaveLength(
        1,
      );
    });

    it('lets every folder use the base: root files, csv/ and log/', async () => {
      const code =
        "import { CoreError } from '../core-error';\nimport { lineError } from '../csv/line-errors';\nexport const y = [CoreError, lineError];\n";
      expect(await restrictedImports('electron/core/search/good.ts', code)).toEqual([]);
    });
  });
});
