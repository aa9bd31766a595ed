/**
 * Tracks in the editor: a track's shape on a frame, interpolated between its keyframes exactly as
 * the server does (shared vectors: tests/vectors/interpolation.json), and keyframe navigation.
 */
export type { KeyframedTrack, TrackElementShape, TrackFrame, TrackFrameOptions, TrackShape } from "./types";
export {
  trackFrameAt,
  trackFramesOn,
  trackShapeAt,
  type TrackFrameFailure,
  type TrackOnFrame,
  type TracksOnFrame,
} from "./frames";
export {
  firstKeyframe,
  keyframeFrames,
  lastKeyframe,
  nextKeyframe,
  previousKeyframe,
  type KeyframeNavigationOptions,
} from "./navigation";
export { expandSkeletonTrack, expandTrack } from "./expansion";
export {
  floorMod,
  interpolatePoints,
  InterpolationError,
  type InterpolatedGeometry,
  type KeyframeGeometry,
} from "./interpolation";
export { interpolatePolyshape } from "./resampling";
export { keyframeTimeline, NO_DELETED_FRAMES, type KeyframeTimeline } from "./keyframes";
