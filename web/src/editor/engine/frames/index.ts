/** The frames engine's public surface: job meta, chunk supply, navigation, playback, links. */
export * from "./meta";
export * from "./zipChunk";
export * from "./imageType";
export * from "./chunkLoader";
export * from "./resourcePool";
export * from "./prefetch";
export * from "./chunkCache";
export * from "./navigation";
export * from "./frameSearch";
export * from "./playback";
export * from "./links";
