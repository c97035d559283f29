import type { Finding } from '../engine/findings.js';

/**
 * A finding's message with what the policy and the model add to it, as every format phrases them:
 * `Widget.render was removed (@beta: capped at minor)`. The notes are fields of the finding, never part of
 * its message, so each format can also show them its own way (SARIF's properties, Markdown's marks).
 */
export function notedMessage(f: Finding): string {
  const notes = [
    ...(f.stability !== undefined ? [`@${f.stability}: capped at ${f.bump}`] : []),
    ...(f.undecided ? [`undecided, assumed breaking${f.undecidedReason ? `: ${f.undecidedReason}` : ''}`] : []),
  ];
  return [f.message, ...notes.map((note) => `(${note})`)].join(' ');
}
