/** A line of a file, relative to the root of the package (or project) it belongs to. */
export interface Location {
  file: string;
  line: number;
}
