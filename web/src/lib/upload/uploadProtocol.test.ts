import { describe, expect, it } from "vitest";
import { ApiError, describeError } from "../../api/errors";
import {
  cancelledError,
  isCancelled,
  shouldRetryTus,
  throwIfCancelled,
  uploadFailure,
  uploadStepHeaders,
  withQuery,
} from "./uploadProtocol";

describe("uploadStepHeaders", () => {
  it("names each step of CVAT's upload protocol", () => {
    expect(uploadStepHeaders("start")).toEqual({ "Upload-Start": "true" });
    expect(uploadStepHeaders("multiple")).toEqual({ "Upload-Multiple": "true" });
    expect(uploadStepHeaders("finish")).toEqual({ "Upload-Finish": "true" });
  });
});

describe("withQuery", () => {
  it("encodes the parameters", () => {
    expect(withQuery("/api/projects/3/dataset", { format: "CVAT 1.1", filename: "a&b.zip" })).toBe(
      "/api/projects/3/dataset?format=CVAT+1.1&filename=a%26b.zip",
    );
  });

  it("leaves a path without parameters alone", () => {
    expect(withQuery("/api/tasks/1/data", {})).toBe("/api/tasks/1/data");
  });
});

describe("shouldRetryTus", () => {
  it("retries dropped connections and server failures", () => {
    expect(shouldRetryTus("PATCH", 0)).toBe(true);
    expect(shouldRetryTus("POST", 502)).toBe(true);
    expect(shouldRetryTus("HEAD", 500)).toBe(true);
  });

  it("retries an offset mismatch of a chunk, not a name taken at creation", () => {
    expect(shouldRetryTus("PATCH", 409)).toBe(true);
    expect(shouldRetryTus("POST", 409)).toBe(false);
  });

  it("gives up on answers a retry cannot change", () => {
    expect(shouldRetryTus("POST", 400)).toBe(false);
    expect(shouldRetryTus("POST", 413)).toBe(false);
    expect(shouldRetryTus("PATCH", 403)).toBe(false);
    expect(shouldRetryTus("PATCH", 404)).toBe(false);
  });
});

describe("uploadFailure", () => {
  it("keeps the server's words of a refused upload", () => {
    const error = uploadFailure(413, JSON.stringify({ detail: "'big.mp4' is 200 bytes; the limit is 100." }));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect(describeError(error)).toBe("'big.mp4' is 200 bytes; the limit is 100.");
  });

  it("reads a field error", () => {
    const error = uploadFailure(400, JSON.stringify({ client_files: ["'..' is not a usable file name."] }));
    expect(describeError(error)).toBe("client_files: '..' is not a usable file name.");
  });

  it("keeps a plain text answer", () => {
    expect(describeError(uploadFailure(502, "Bad Gateway"))).toBe("Bad Gateway");
  });

  it("explains a connection that dropped", () => {
    expect(describeError(uploadFailure(0, ""))).toBe("Cannot reach the server (the upload was interrupted).");
  });
});

describe("cancelling", () => {
  it("recognises our cancel and fetch's abort", () => {
    expect(isCancelled(cancelledError())).toBe(true);
    expect(isCancelled(new DOMException("The operation was aborted.", "AbortError"))).toBe(true);
    expect(isCancelled(new Error("boom"))).toBe(false);
    expect(isCancelled(null)).toBe(false);
  });

  it("says in words that the upload was cancelled", () => {
    expect(describeError(cancelledError())).toBe("The upload was cancelled.");
  });

  it("throws only once the signal is aborted", () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(controller.signal)).not.toThrow();
    expect(() => throwIfCancelled(undefined)).not.toThrow();
    controller.abort();
    expect(() => throwIfCancelled(controller.signal)).toThrow("The upload was cancelled.");
  });
});
