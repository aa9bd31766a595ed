// The Jobs page: every job the user may see as cards, searched, sorted and filtered through the URL.
import { api, unwrap } from "../../api/client";
import type { Job, Page } from "../../api/types";
import { CardGrid, CardGridSkeleton } from "../../components/listing/CardGrid";
import { LinkButton } from "../../components/listing/LinkButton";
import { ListPage } from "../../components/listing/ListPage";
import type { ServerListQuery } from "../../components/listing/listState";
import { useListQuery } from "../../components/listing/useListQuery";
import { useListState } from "../../components/listing/useListState";
import { JobCard } from "./JobCard";
import { JOB_LIST } from "./jobListConfig";

function fetchJobs(query: ServerListQuery): Promise<Page<Job>> {
  return unwrap(api.GET("/api/jobs", { params: { query } }));
}

export function JobsPage() {
  const controls = useListState(JOB_LIST.defaults);
  const jobs = useListQuery(JOB_LIST, controls, fetchJobs);

  return (
    <ListPage
      title="Jobs"
      testId="jobs-page"
      config={JOB_LIST}
      controls={controls}
      list={jobs}
      emptyAction={
        <LinkButton to="/tasks/create" type="primary">
          Create a task to get jobs
        </LinkButton>
      }
      skeleton={<CardGridSkeleton coverHeight={140} titleWidth="40%" rows={3} />}
    >
      {(items) => <CardGrid items={items} testId="job-list" renderCard={(job) => <JobCard job={job} />} />}
    </ListPage>
  );
}
