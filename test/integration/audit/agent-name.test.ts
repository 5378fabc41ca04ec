import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AGENT_FILE, AgentName } from '../../../electron/core/audit/agent-name';
import { tempDir } from '../../support/temp-dir';

describe("the agent's name in the audit log", () => {
  const dirs: { path: string; remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
  const folder = () => {
    const dir = tempDir('lastmile-agent-');
    dirs.push(dir);
    return dir.path;
  };

  it("is the computer's user name until one is set, then the set one, across a restart", async () => {
    const dataDir = folder();
    const first = await AgentName.open(dataDir, 'jdoe');
    expect(first.view()).toEqual({ name: 'jdoe', saved: null, computerUser: 'jdoe' });
    expect(await first.set('  Dana (help desk)  ')).toEqual({
      name: 'Dana (help desk)',
      saved: 'Dana (help desk)',
      computerUser: 'jdoe',
    });
    expect(JSON.parse(readFileSync(join(dataDir, AGENT_FILE), 'utf8'))).toEqual({
      version: 1,
      name: 'Dana (help desk)',
    });
    const again = await AgentName.open(dataDir, 'jdoe');
    expect(again.name()).toBe('Dana (help desk)');
    await again.set('');
    expect((await AgentName.open(dataDir, 'jdoe')).name()).toBe('jdoe');
  });

  it('refuses control characters, so an entry cannot be made to look like two', async () => {
    const agent = await AgentName.open(folder(), 'jdoe');
    await expect(agent.set('Dana\nby: someone else')).rejects.toMatchObject({ appError: { code: 'invalid_input' } });
    expect(agent.name()).toBe('jdoe');
  });

  it('reads a damaged file as no name rather than failing the start', async () => {
    const dataDir = folder();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, AGENT_FILE), '{not json');
    expect((await AgentName.open(dataDir, 'jdoe')).name()).toBe('jdoe');
  });
});
