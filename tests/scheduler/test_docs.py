from magellan.scheduler.jobs import JOBS
from tests.conftest import REPO_ROOT


def test_every_job_is_in_the_jobs_table_of_the_scheduler_docs():
    text = (REPO_ROOT / "docs" / "scheduler.md").read_text(encoding="utf-8")
    missing = [job.name for job in JOBS if f"| `{job.name}` |" not in text]
    assert missing == []
