"""The evaluation's pages, one module per part (indicators, retrospectives, reports, trajectory,
cohort); thin: they call queries, permissions and services."""
