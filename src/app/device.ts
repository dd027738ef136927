/**
 * `device [NAME]` (SPEC §8): this machine's name in the journal, shown or set. The name is kept in
 * the database, not in config.yaml, which the machines share; lines written from now on go to
 * `history/<NAME>/`. Lines already written keep their folder and ids.
 */
import { isDeviceName } from '../core/journal.js';
import { UsageError } from '../errors.js';
import { HISTORY_DIR, type AppContext } from './context.js';

/** The `device --json` shape. */
export interface DeviceReport {
  device: string;
  /** the name before, when it was just changed */
  previous?: string;
  /** where this machine's lines go */
  folder: string;
}

/** This machine's device name. */
export function showDevice(ctx: AppContext): DeviceReport {
  const device = ctx.store.journal.deviceName;
  return { device, folder: `${HISTORY_DIR}/${device}/` };
}

/**
 * Name this machine `name`. Throws UsageError for a name that cannot be a folder. A name whose
 * folder already holds lines (this machine's old name, say) is taken over: its ids continue after
 * the last one there, and a warning says so, since two machines must never share a name.
 */
export function setDevice(ctx: AppContext, name: string): DeviceReport {
  if (!isDeviceName(name))
    throw new UsageError(`invalid device name "${name}": use letters, digits, '.', '_' and '-' (up to 64, not starting with '.' or '-')`, 'device');
  const previous = ctx.store.journal.deviceName;
  if (name === previous) return showDevice(ctx);
  ctx.store.writeTransaction(() => {
    const taken = ctx.store.history.maxSeqOf(name);
    if (taken > 0) {
      ctx.store.journal.raiseSeq(taken);
      ctx.warnings.push(
        `warning: ${HISTORY_DIR}/${name}/ already holds lines of a device of this name; this machine continues them (no other machine may use the name)`,
      );
    }
    ctx.store.meta.set('device', name);
  });
  ctx.store.journal.attach(ctx.store.journal.dir, name);
  return { ...showDevice(ctx), previous };
}
