/** Thrown by a witness builder when the finding cannot be shown with consumer code; the message says why. */
export class Unbuildable extends Error {}
