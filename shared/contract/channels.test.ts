import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS } from './channels';
import { eventChannels } from './events';
import { requestChannels } from './requests';

describe('channel lists', () => {
  it('name exactly the channels of the contract', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual([...requestChannels].sort());
    expect([...EVENT_CHANNELS].sort()).toEqual([...eventChannels].sort());
  });
});
