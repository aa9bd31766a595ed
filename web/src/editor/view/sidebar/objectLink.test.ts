import { describe, expect, it } from "vitest";
import { parseJobLink } from "../../engine/frames/links";
import { objectUrl } from "./objectLink";

describe("objectUrl", () => {
  it("is CVAT's object link, which the editor reads back", () => {
    const url = objectUrl("http://host:8080/", { taskId: 3, jobId: 7, frame: 12, kind: "shape", serverId: 41 });
    expect(url).toBe("http://host:8080/tasks/3/jobs/7?frame=12&type=shape&serverID=41");
    expect(parseJobLink(new URL(url).search).params).toEqual({ frame: 12, object: 41, objectType: "shape" });
  });
});
