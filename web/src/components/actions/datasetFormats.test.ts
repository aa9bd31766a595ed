import { describe, expect, it } from "vitest";
import {
  acceptFor,
  defaultFormat,
  exportQuery,
  fileMismatch,
  formatOptions,
  formatsFor,
  type DatasetFormat,
} from "./datasetFormats";

function format(name: string, extra: Partial<DatasetFormat> = {}): DatasetFormat {
  return { name, ext: "ZIP", version: "1.0", enabled: true, dimension: "2d", ...extra };
}

describe("formatsFor", () => {
  const formats = [format("COCO 1.0"), format("Sly Point Cloud 1.0", { dimension: "3d" })];

  it("keeps the formats of the object's dimension", () => {
    expect(formatsFor(formats, "3d").map((f) => f.name)).toEqual(["Sly Point Cloud 1.0"]);
  });

  it("keeps every format while the dimension is unknown", () => {
    expect(formatsFor(formats, null)).toHaveLength(2);
  });
});

describe("formatOptions", () => {
  it("shows disabled formats as disabled options", () => {
    const [option] = formatOptions([format("MOT 1.1", { enabled: false })]);
    expect(option).toEqual({ value: "MOT 1.1", label: "MOT 1.1 (not available)", disabled: true });
  });
});

describe("defaultFormat", () => {
  it("prefers CVAT's format for each direction", () => {
    const formats = [format("COCO 1.0"), format("CVAT for images 1.1"), format("CVAT 1.1")];
    expect(defaultFormat(formats, "export")).toBe("CVAT for images 1.1");
    expect(defaultFormat(formats, "import")).toBe("CVAT 1.1");
  });

  it("falls back to the first enabled format", () => {
    expect(defaultFormat([format("A", { enabled: false }), format("B")], "export")).toBe("B");
  });

  it("has nothing to offer when every format is disabled", () => {
    expect(defaultFormat([format("A", { enabled: false })], "import")).toBeUndefined();
  });
});

describe("file extensions", () => {
  const cvat = format("CVAT 1.1", { ext: "XML, ZIP" });

  it("builds the accept attribute from the format's extensions", () => {
    expect(acceptFor(cvat)).toBe(".xml,.zip");
  });

  it("accepts a file whose extension the format reads, in any case", () => {
    expect(fileMismatch("annotations.XML", cvat)).toBeNull();
  });

  it("explains why another file does not fit", () => {
    expect(fileMismatch("notes.txt", cvat)).toBe('CVAT 1.1 reads .xml or .zip files; "notes.txt" is not one.');
  });
});

describe("exportQuery", () => {
  it("sends the format and the images flag", () => {
    expect(exportQuery("COCO 1.0", true, "")).toEqual({ format: "COCO 1.0", save_images: "true" });
  });

  it("adds a custom file name only when one is given", () => {
    expect(exportQuery("COCO 1.0", false, "  my export ")).toEqual({
      format: "COCO 1.0",
      save_images: "false",
      filename: "my export",
    });
  });
});
