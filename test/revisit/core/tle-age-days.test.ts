import t from 'tap';
import { tleAgeDays } from '../../../src/revisit/core/tle-age-days.js';

const DAY = 86_400_000;

t.test('age is the larger distance from the epoch to a window edge', async (t) => {
  const epoch = Date.UTC(2024, 9, 5, 4);
  t.equal(tleAgeDays(epoch, epoch - 2 * DAY, epoch + 30 * DAY), 30, 'epoch inside the window');
  t.equal(tleAgeDays(epoch, epoch + 10 * DAY, epoch + 40 * DAY), 40, 'window after the epoch');
  t.equal(tleAgeDays(epoch, epoch - 50 * DAY, epoch - 20 * DAY), 50, 'window before the epoch');
});
