/**
 * Which folders can be a collection at all: checked before anything is created there.
 */
import { dirname } from 'node:path';

/** Folders of the system that are never a collection (procfs loops mkdir forever, / is everyone's). */
const SYSTEM_FOLDER = /^\/(?:proc|sys|dev)(?:\/|$)/;

/** Why `home` (an absolute path) cannot be a collection folder at all, or undefined. */
export function homeRefusal(home: string): string | undefined {
  if (dirname(home) === home) return `the root folder ${home} cannot be a collection folder; give a folder of its own with --home`;
  if (SYSTEM_FOLDER.test(home)) return `${home} is a system folder and cannot be a collection folder`;
  return undefined;
}
