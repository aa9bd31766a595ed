// Short names for the generated schema's models.
import type { components } from "./schema.gen";

type Schemas = components["schemas"];
export type BasicUser = Schemas["BasicUserRead"];
export type User = Schemas["UserRead"];
export type Project = Schemas["ProjectRead"];
export type Task = Schemas["TaskRead"];
export type Job = Schemas["JobRead"];
export type Label = Schemas["LabelRead"];
export type LabelRequest = Schemas["LabelRequest"];
export type Organization = Schemas["OrganizationRead"];
export type BackgroundRequest = Schemas["RequestRead"];
export type AccessToken = Schemas["AccessTokenRead"];

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}
