import type { Finding } from '../engine/findings.js';

/** Who meets a change that only some module resolutions lead to. */
const CONSUMERS: Record<NonNullable<Finding['resolutions']>[number], string> = {
  require: 'consumers that require() it, through the `require` condition',
  node10: 'consumers on moduleResolution node10, through `types`/`typings` or typesVersions',
};

/**
 * A finding's message with what the policy and the model add to it, as every format phrases them:
 * `Widget.render was removed (@beta: capped at minor)`. The notes are fields of the finding, never part of
 * its message, so each format can also show them its own way (SARIF's properties, Markdown's marks).
 */
export function notedMessage(f: Finding): string {
  const notes = [
    ...(f.resolutions ? [`only for ${f.resolutions.map((name) => CONSUMERS[name]).join('; and for ')}`] : []),
    ...(f.stability !== undefined ? [`@${f.stability}: capped at ${f.bump}`] : []),
    ...(f.undecided ? [`undecided, assumed breaking${f.undecidedReason ? `: ${f.undecidedReason}` : ''}`] : []),
  ];
  return [f.message, ...notes.map((note) => `(${note})`)].join(' ');
}
