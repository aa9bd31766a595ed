import { describe, expect, it } from "vitest";
import { emptySelection } from "../../components/files/fileSelection";
import type { LocalFile } from "../../components/files/localFiles";
import type { TaskMediaSelection } from "../../components/files/MediaSourceTabs";
import { checkAdvanced, dataParams, DEFAULT_ADVANCED, taskRequestBody, uploadFiles, type AdvancedOptions } from "./taskForm";

const options = (patch: Partial<AdvancedOptions> = {}): AdvancedOptions => ({ ...DEFAULT_ADVANCED, ...patch });
const local = (name: string): LocalFile => ({ file: { name } as File, name, size: 1, webkitRelativePath: "" });
const selection = (patch: Partial<TaskMediaSelection>): TaskMediaSelection => ({ ...emptySelection<LocalFile>(), ...patch });

describe("the task request", () => {
  it("carries the labels of a standalone task", () => {
    expect(taskRequestBody({ name: " cars ", projectId: null, subset: "Train" }, options(), [{ name: "car", deleted: false }])).toEqual({
      name: "cars",
      labels: [{ name: "car", deleted: false }],
      subset: "",
      bug_tracker: "",
      segment_size: 0,
      consensus_replicas: 0,
    });
  });

  it("names the project instead of labels, with the subset", () => {
    const body = taskRequestBody({ name: "t", projectId: 4, subset: " Test " }, options({ segmentSize: 5, overlap: 1 }), [
      { name: "ignored", deleted: false },
    ]);
    expect(body).toEqual({ name: "t", project_id: 4, subset: "Test", bug_tracker: "", segment_size: 5, overlap: 1, consensus_replicas: 0 });
  });
});

describe("the data parameters", () => {
  it("always carry quality, chunk kinds and sorting", () => {
    expect(dataParams(options(), selection({}))).toEqual({
      image_quality: 70,
      use_zip_chunks: true,
      use_cache: true,
      sorting_method: "lexicographical",
    });
  });

  it("carry the frame range, step and chunk size when set", () => {
    const params = dataParams(options({ startFrame: 2, stopFrame: 9, frameStep: 3, chunkSize: 10 }), selection({}));
    expect(params).toMatchObject({ start_frame: 2, stop_frame: 9, frame_filter: "step=3", chunk_size: 10 });
    expect(dataParams(options({ frameStep: 1 }), selection({}))).not.toHaveProperty("frame_filter");
  });

  it("send the list order for predefined sorting of uploads without a manifest", () => {
    const files = [local("b.png"), local("a.png")];
    expect(dataParams(options({ sortingMethod: "predefined" }), selection({ localFiles: files })).upload_file_order).toEqual([
      "b.png",
      "a.png",
    ]);
    const withManifest = selection({ localFiles: files, manifest: local("manifest.jsonl") });
    expect(dataParams(options({ sortingMethod: "predefined" }), withManifest)).not.toHaveProperty("upload_file_order");
  });

  it("name share paths and remote URLs of their source only", () => {
    const share = dataParams(options({ copyData: true }), selection({ source: "share", sharePaths: ["a/"], remoteText: "http://x/y" }));
    expect(share).toMatchObject({ server_files: ["a/"], copy_data: true });
    expect(share).not.toHaveProperty("remote_files");
    const remote = dataParams(options({ copyData: true }), selection({ source: "remote", remoteText: "http://x/y\n\nbad", sharePaths: ["a/"] }));
    expect(remote).toMatchObject({ remote_files: ["http://x/y"] });
    expect(remote).not.toHaveProperty("server_files");
    expect(remote).not.toHaveProperty("copy_data");
  });

  it("upload the media and the manifest, only from My computer", () => {
    const files = [local("a.png")];
    expect(uploadFiles(selection({ localFiles: files, manifest: local("m.jsonl") })).map((f) => f.name)).toEqual([
      "a.png",
      "m.jsonl",
    ]);
    expect(uploadFiles(selection({ source: "share", localFiles: files }))).toEqual([]);
  });
});

describe("checking the advanced options", () => {
  it("accepts the defaults", () => {
    expect(checkAdvanced(options())).toEqual({});
  });

  it("explains impossible combinations", () => {
    expect(checkAdvanced(options({ startFrame: 5, stopFrame: 2 }))).toHaveProperty("stopFrame");
    expect(checkAdvanced(options({ segmentSize: 5, overlap: 5 }))).toHaveProperty("overlap");
    expect(checkAdvanced(options({ imageQuality: 0 }))).toHaveProperty("imageQuality");
    expect(checkAdvanced(options({ frameStep: 0 }))).toHaveProperty("frameStep");
    expect(checkAdvanced(options({ chunkSize: 0 }))).toHaveProperty("chunkSize");
    expect(checkAdvanced(options({ bugTracker: "jira" }))).toHaveProperty("bugTracker");
    expect(checkAdvanced(options({ bugTracker: "https://issues.example.com/1" }))).toEqual({});
  });
});
