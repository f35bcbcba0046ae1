/**
 * A parse worker's bundle, the file size from which a CSV file is read in it, and the most values it
 * sends at once. Declared here, below the services that hand it on and the importer that starts it,
 * so the services' context does not depend on an importer.
 */
export interface ParseWorker {
  file: string;
  fromBytes: number;
  window: number;
}
