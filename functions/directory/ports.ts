/** Write-once text documents by key (an import's chunks): written before the event that names them. */
export interface ChunkStore {
  putAll(documents: readonly { key: string; data: string }[]): Promise<void>;
  get(key: string): Promise<string | undefined>;
}
