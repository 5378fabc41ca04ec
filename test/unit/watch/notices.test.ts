import { describe, expect, it } from 'vitest';
import { NoticeBatcher } from '../../../electron/core/watch/notices';
import type { DesktopNotice } from '../../../shared/contract';
import { FakeTime } from '../staging/fake-time';

const item = (orderId: string, watched = false) => ({
  environmentId: 'sandbox',
  orderId,
  line: `${orderId} changed`,
  watched,
});

describe('NoticeBatcher', () => {
  it('sends the first notice at once, then at most one per interval, watched orders first', async () => {
    const time = new FakeTime();
    const sent: { at: number; notice: DesktopNotice }[] = [];
    const batcher = new NoticeBatcher({
      clock: time.clock,
      sleep: time.sleep,
      everyMs: 5_000,
      send: (notice) => sent.push({ at: time.now, notice }),
    });
    batcher.add(item('A'));
    expect(sent.map((s) => [s.at, s.notice.orderId, s.notice.body])).toEqual([[0, 'A', 'A changed']]);
    time.now = 1_000;
    for (const id of ['B', 'C', 'D', 'E']) batcher.add(item(id));
    batcher.add(item('W', true));
    await time.run(() => sent.length === 2);
    expect(sent[1]!.at).toBe(5_000);
    expect(sent[1]!.notice).toEqual({
      environmentId: 'sandbox',
      orderId: 'W',
      title: 'Last Mile Console: 5 updates',
      body: 'W changed\nB changed\nC changed\nand 2 more',
    });
    batcher.close();
    batcher.add(item('F'));
    await time.run(() => false);
    expect(sent).toHaveLength(2);
  });
});
