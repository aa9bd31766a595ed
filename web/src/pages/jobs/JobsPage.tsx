// The Jobs page: every job the user may see as cards, searched, sorted and filtered through the URL.
import { Card, Col, Row, Skeleton } from "antd";
import { api, unwrap } from "../../api/client";
import type { Job, Page } from "../../api/types";
import { LinkButton } from "../../components/listing/LinkButton";
import { ListBody } from "../../components/listing/ListBody";
import { ListHeader } from "../../components/listing/ListHeader";
import { ListPagination } from "../../components/listing/ListPagination";
import { hasActiveFilters, type ServerListQuery } from "../../components/listing/listState";
import { ListToolbar } from "../../components/listing/ListToolbar";
import { useListQuery } from "../../components/listing/useListQuery";
import { useListState } from "../../components/listing/useListState";
import { JobCard } from "./JobCard";
import { JOB_LIST } from "./jobListConfig";

const GRID = { xs: 24, sm: 12, md: 8, xl: 6 };

function fetchJobs(query: ServerListQuery): Promise<Page<Job>> {
  return unwrap(api.GET("/api/jobs", { params: { query } }));
}

function JobSkeletons() {
  return (
    <Row gutter={[16, 16]} data-testid="list-loading">
      {Array.from({ length: 8 }, (_, key) => (
        <Col key={key} {...GRID}>
          <Card cover={<Skeleton.Node active style={{ width: "100%", height: 140 }} />}>
            <Skeleton active title={{ width: "40%" }} paragraph={{ rows: 3 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function JobsPage() {
  const controls = useListState(JOB_LIST.defaults);
  const jobs = useListQuery(JOB_LIST, controls, fetchJobs);
  const page = jobs.data;

  return (
    <div className="page" data-testid="jobs-page">
      <ListHeader title="Jobs" count={page?.count} />
      <ListToolbar config={JOB_LIST} controls={controls} />
      <ListBody
        noun={JOB_LIST.noun}
        pending={jobs.isPending}
        refreshing={jobs.isFetching && jobs.isPlaceholderData}
        error={jobs.error}
        onRetry={() => void jobs.refetch()}
        isEmpty={(page?.results.length ?? 0) === 0}
        filtered={hasActiveFilters(controls.state)}
        onClearFilters={controls.clearFilters}
        emptyAction={
          <LinkButton to="/tasks/create" type="primary">
            Create a task to get jobs
          </LinkButton>
        }
        skeleton={<JobSkeletons />}
      >
        <Row gutter={[16, 16]} data-testid="job-list">
          {page?.results.map((job) => (
            <Col key={job.id} {...GRID}>
              <JobCard job={job} />
            </Col>
          ))}
        </Row>
      </ListBody>
      <ListPagination controls={controls} total={page?.count ?? 0} noun={JOB_LIST.noun} />
    </div>
  );
}
