/** Thrown by a witness builder when the finding cannot be shown with consumer code; the message says why. */
export class Unbuildable extends Error {}

/** An Unbuildable whose types are too costly for the checker to relate or resolve (conditional types by the hundred). */
export class TooCostly extends Unbuildable {}
